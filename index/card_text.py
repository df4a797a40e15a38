"""What a rendered card says: one ``CardText`` per card, language and place.

The words come from the card file (checked against the vetted passages) and the hotlines
file; the few labels here ("What to do", the disclaimer) are the card's frame, not advice.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass

from index.cards import CardMeta
from index.catalog import Catalog
from index.hotlines import Hotline, hotlines_for
from index.models import Lang

RENDER_VERSION = 1  # bump when the look changes: every card is rendered again
LANGS: tuple[Lang, ...] = ("en", "es")
PLACES = ("NYC", "US")  # US places whose numbers differ: New York City, elsewhere in the US
LABELS: dict[Lang, dict[str, str]] = {
    "en": {
        "show": "Show this to the officer",
        "other_side": "",
        "do": "What to do",
        "help": "Legal help (reconfirm numbers before you rely on them)",
        "no_number": "No number is listed for this place yet. Write your local legal hotline "
        "here and on your arm: ____________________",
        "disclaimer": "General information, not legal advice",
        "reviewed": "Reviewed on {date}",
        "applies": "Applies in: {place}",
        "how": "Cut along the corner marks, fold along the dashed line. "
        "Front: English, for the officer. Back: for you.",
    },
    "es": {
        "show": "Muestre esto al agente",
        "other_side": "Lo que dice el otro lado, en inglés:",
        "do": "Qué hacer",
        "help": "Ayuda legal (confirme los números antes de depender de ellos)",
        "no_number": "Aún no hay un número para este lugar. Escriba aquí y en su brazo "
        "su línea de ayuda legal local: ____________________",
        "disclaimer": "Información general, no asesoría legal",
        "reviewed": "Revisado el {date}",
        "applies": "Se aplica en: {place}",
        "how": "Recorte por las marcas de las esquinas y doble por la línea de puntos. "
        "Frente: en inglés, para el agente. Reverso: para usted.",
    },
}


@dataclass(frozen=True)
class CardText:
    """Everything drawn on one card variant."""

    card_id: str
    lang: Lang
    place: str
    title_en: str  # the front, for the officer
    title: str  # the back, in the person's language
    say_en: tuple[str, ...]
    say: tuple[str, ...]  # the same lines in the person's language
    do: tuple[str, ...]
    hotlines: tuple[str, ...]  # "Name: number (hours)"
    footer_en: str
    footer: str

    @property
    def key(self) -> str:
        """``<card-id>.<lang>.<place>``: names the variant in files, buttons and the CLI."""
        return f"{self.card_id}.{self.lang}.{self.place}"

    def label(self, name: str) -> str:
        return LABELS[self.lang][name]

    @property
    def content_hash(self) -> str:
        """Hash of what is drawn (and how): a card is rendered again only when it changes."""
        data = json.dumps([RENDER_VERSION, asdict(self)], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(data.encode()).hexdigest()


def footer(meta: CardMeta, lang: Lang, place: str, catalog: Catalog) -> str:
    """ "General information, not legal advice · Reviewed on … · Applies in: …"."""
    labels = LABELS[lang]
    known = catalog.jurisdictions.get(place)
    name = known.name(lang) if known is not None else place
    return " · ".join(
        [
            labels["disclaimer"],
            labels["reviewed"].format(date=meta.reviewed_on.isoformat()),
            labels["applies"].format(place=name),
        ]
    )


def hotline_line(hotline: Hotline, lang: Lang) -> str:
    # A wallet card shows who runs it and the number: the name up to its first comma or
    # bracket ("The Legal Aid Society"); the long description and hours are in /hotline.
    name = hotline.name.get(lang) or hotline.name["en"]
    short = re.split(r"[,(:]", name, maxsplit=1)[0].strip()
    return f"{short}: {hotline.number}"


def compose_card(
    meta: CardMeta, lang: Lang, place: str, catalog: Catalog, hotlines: list[Hotline]
) -> CardText:
    """The card ``meta`` for a person reading ``lang`` in ``place``."""
    say = meta.lines("say", place, catalog)
    chosen = hotlines_for(hotlines, list(meta.hotlines), place, catalog)
    return CardText(
        card_id=meta.id,
        lang=lang,
        place=place,
        title_en=meta.title.en,
        title=meta.title.get(lang),
        say_en=tuple(line.en for line in say),
        say=tuple(line.text(lang) for line in say),
        do=tuple(line.text(lang) for line in meta.lines("do", place, catalog)),
        hotlines=tuple(hotline_line(h, lang) for h in chosen),
        footer_en=footer(meta, "en", place, catalog),
        footer=footer(meta, lang, place, catalog),
    )


def card_places(meta: CardMeta, catalog: Catalog) -> list[str]:
    """The US places a card is rendered for: those inside the card's own place."""
    return [p for p in PLACES if p in catalog.jurisdictions and catalog.applies([meta.place], p)]


def compose_all(
    cards: tuple[CardMeta, ...] | list[CardMeta], catalog: Catalog, hotlines: list[Hotline]
) -> list[CardText]:
    """Every variant: each card, in each language, for each of its places."""
    return [
        compose_card(meta, lang, place, catalog, hotlines)
        for meta in cards
        for place in card_places(meta, catalog)
        for lang in LANGS
    ]
