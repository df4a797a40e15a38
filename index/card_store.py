"""Rendered cards on disk, beside the search index: content-addressed, checked, incremental.

Layout of ``<index_dir>/cards/``:
    manifest.json   format, knowledge hash, and per variant: key, card id, language, place,
                    titles, content hash and the SHA-256 of its two files
    <hash>.png      the phone image of one variant (named by its content hash)
    <hash>.pdf      the print page of the same variant
A variant whose content hash already has both files is not rendered again, so a reload after
editing one card renders only that card's variants. Files are written under a temporary name
and renamed; the manifest is replaced last, so a reader never sees a manifest naming a
missing file. Files no manifest names are pruned.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.card_fonts import PrintFonts
from index.card_render import card_print_fonts, render_pdf, render_png
from index.card_text import CardText, compose_all
from index.errors import IndexMismatchError
from index.knowledge import Knowledge
from index.store import build_lock

log = logging.getLogger(__name__)

CARDS_FORMAT = 1
FOLDER = "cards"


@dataclass(frozen=True)
class RenderedCard:
    """One variant on disk: what it is and where its files are."""

    key: str  # <card-id>.<lang>.<place>
    card_id: str
    lang: str
    place: str
    title: str  # in ``lang``
    title_en: str
    hash: str  # content hash: also the key for Telegram's file_id
    png: Path
    pdf: Path


@dataclass(frozen=True)
class CardShelf:
    """Every rendered variant of one build, looked up by card, language and place."""

    cards: tuple[RenderedCard, ...] = ()
    knowledge_hash: str = ""

    def find(self, card_id: str, lang: str, place: str) -> RenderedCard | None:
        return next(
            (c for c in self.cards if (c.card_id, c.lang, c.place) == (card_id, lang, place)),
            None,
        )

    def choose(self, lang: str, place: str) -> list[RenderedCard]:
        """One variant per card for a person reading ``lang`` in ``place``."""
        return [c for c in self.cards if c.lang == lang and c.place == place]

    def by_hash(self, content_hash: str) -> RenderedCard | None:
        return next((c for c in self.cards if c.hash == content_hash), None)


@dataclass(frozen=True)
class CardBuild:
    rendered: int
    reused: int
    seconds: float


def cards_dir(index_dir: Path) -> Path:
    return index_dir / FOLDER


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def render_files(card: CardText, folder: Path, stem: str, fonts: PrintFonts) -> tuple[Path, Path]:
    """Render ``card`` to ``<folder>/<stem>.png`` and ``.pdf``; return both paths.

    ``fonts``: from ``card_print_fonts`` over the batch being rendered.
    """
    png, pdf = folder / f"{stem}.png", folder / f"{stem}.pdf"
    _write_atomic(png, render_png(card))
    _write_atomic(pdf, render_pdf(card, fonts))
    return png, pdf


def build_cards(knowledge: Knowledge, index_dir: Path) -> CardBuild:
    """Render the variants whose content changed, then swap the manifest in."""
    started = time.perf_counter()
    folder = cards_dir(index_dir)
    folder.mkdir(parents=True, exist_ok=True)
    texts = compose_all(knowledge.cards, knowledge.catalog, list(knowledge.hotlines))
    with build_lock(folder):
        hashes = [card.content_hash for card in texts]
        todo = [
            (card, digest)
            for card, digest in zip(texts, hashes, strict=True)
            if not ((folder / f"{digest}.png").is_file() and (folder / f"{digest}.pdf").is_file())
        ]
        if todo:
            with card_print_fonts(card for card, _ in todo) as fonts:
                for card, digest in todo:
                    render_files(card, folder, digest, fonts)
        rendered = len(todo)
        entries = [
            _entry(card, digest, folder / f"{digest}.png", folder / f"{digest}.pdf")
            for card, digest in zip(texts, hashes, strict=True)
        ]
        manifest = {
            "format": CARDS_FORMAT,
            "knowledge_hash": knowledge.hash,
            "cards": entries,
        }
        _write_atomic(folder / "manifest.json", json.dumps(manifest, indent=1).encode())
        _prune(folder, {name for e in entries for name in (e["png"], e["pdf"])})
    stats = CardBuild(rendered, len(texts) - rendered, time.perf_counter() - started)
    log.info("cards: %d rendered, %d reused in %.2f s", rendered, stats.reused, stats.seconds)
    return stats


def _entry(card: CardText, digest: str, png: Path, pdf: Path) -> dict[str, Any]:
    return {
        "key": card.key,
        "card_id": card.card_id,
        "lang": card.lang,
        "place": card.place,
        "title": card.title,
        "title_en": card.title_en,
        "hash": digest,
        "png": png.name,
        "pdf": pdf.name,
        "files": {png.name: _sha256(png), pdf.name: _sha256(pdf)},
    }


def _prune(folder: Path, keep: set[str]) -> None:
    for path in folder.iterdir():
        if path.suffix in (".png", ".pdf") and path.name not in keep:
            path.unlink(missing_ok=True)


def load_cards(index_dir: Path) -> CardShelf:
    """The rendered cards, checked against their checksums; empty when none were built."""
    folder = cards_dir(index_dir)
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return CardShelf()
    except (OSError, ValueError) as exc:
        raise IndexMismatchError(f"cards at {folder} have an unreadable manifest: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != CARDS_FORMAT:
        raise IndexMismatchError(
            f"cards at {folder} have another format; run: python -m index build"
        )
    cards = []
    for e in manifest["cards"]:
        for name, digest in e["files"].items():
            if not (folder / name).is_file() or _sha256(folder / name) != digest:
                raise IndexMismatchError(
                    f"card file {folder / name} is damaged (checksum mismatch)"
                )
        cards.append(
            RenderedCard(
                e["key"],
                e["card_id"],
                e["lang"],
                e["place"],
                e["title"],
                e["title_en"],
                e["hash"],
                folder / e["png"],
                folder / e["pdf"],
            )
        )
    return CardShelf(tuple(cards), str(manifest.get("knowledge_hash", "")))
