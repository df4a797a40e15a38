"""Cards: validation of the lines against their passages, layout limits, incremental builds."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from botapi_checks import ApiError, Upload, check_photo
from fontTools.ttLib import TTFont
from PIL import Image

from index.card_fonts import print_fonts
from index.card_layout import FONT_FILES, Block, Box, CardOverflowError, fit, font_path, text_width
from index.card_render import (
    PDF_FOOTER_MIN_PT,
    PDF_MIN_PT,
    PNG_MIN_PX,
    PNG_SIZE,
    PT,
    card_print_fonts,
    pdf_faces,
    png_layout,
    render_pdf,
    render_png,
)
from index.card_store import build_cards, load_cards
from index.card_text import compose_all
from index.cards import is_quoted_from
from index.knowledge import Knowledge, knowledge_hash, load_knowledge
from index.validation import validate_knowledge

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
SITUATIONS = {
    "police-at-door",
    "immigration-at-door",
    "stopped-on-street",
    "arrested",
    "at-protest",
}


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(KNOWLEDGE)


def test_real_cards_validate_and_cover_five_situations(knowledge: Knowledge) -> None:
    report = validate_knowledge(KNOWLEDGE)
    assert [str(p) for p in report.problems if "cards/" in p.path or "hotlines" in p.path] == []
    assert {c.situation for c in knowledge.cards} == SITUATIONS


def test_line_must_be_whole_sentences() -> None:
    passage = 'Say: "I am going to remain silent. I want a lawyer." Do not sign anything.'
    assert is_quoted_from("I am going to remain silent. I want a lawyer.", passage)
    assert is_quoted_from("I want a lawyer.", passage)
    assert is_quoted_from("Do not sign anything.", passage)
    assert is_quoted_from("I want a lawyer.", passage.replace('"', "“", 1).replace('"', "”"))
    assert not is_quoted_from("I am going to remain silent", passage)  # cut mid-sentence
    assert not is_quoted_from("want a lawyer.", passage)
    assert not is_quoted_from("I will not sign anything.", passage)


def test_bad_card_is_reported_with_path_and_line(tmp_path: Path) -> None:
    kb = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, kb)
    card = kb / "cards" / "arrested.yaml"
    card.write_text(card.read_text().replace('"Why am I being arrested?"', '"Why me?"'))
    problems = [str(p) for p in validate_knowledge(kb).errors]
    line = next(i for i, t in enumerate(card.read_text().splitlines(), 1) if "- from:" in t)
    assert problems == [
        f"{card}:{line}: en line is not whole sentences of "
        "arrested-at-protest#right-now-arrested-protest: 'Why me?'"
    ]


def test_every_card_fits_at_readable_sizes(knowledge: Knowledge) -> None:
    texts = compose_all(knowledge.cards, knowledge.catalog, list(knowledge.hotlines))
    assert len(texts) == 20  # 5 situations x 2 languages x 2 places
    for card in texts:
        for line in png_layout(card):
            assert line.size >= PNG_MIN_PX, card.key
            assert line.x + text_width(line.text, line.weight, line.size) <= PNG_SIZE[0] - 72
            assert line.y + line.size <= PNG_SIZE[1]
        for line in pdf_faces(card, 0, 0):
            assert line.size >= PDF_FOOTER_MIN_PT * PT - 1e-9, card.key
            if line.color != "muted":  # everything but the small footer line
                assert line.size >= PDF_MIN_PT * PT - 1e-9, card.key
            face = 0 if line.x < 85.6 else 85.6
            assert line.x + text_width(line.text, line.weight, line.size) <= face + 85.6 - 3.5


def test_overflow_raises() -> None:
    blocks = [Block("word " * 400, 20, 18)]
    with pytest.raises(CardOverflowError, match="too much"):
        fit(blocks, Box(0, 0, 100, 100), "too much")


def test_png_and_pdf_render(knowledge: Knowledge) -> None:
    card = compose_all(knowledge.cards, knowledge.catalog, list(knowledge.hotlines))[0]
    png = render_png(card)
    assert Image.open(io.BytesIO(png)).size == PNG_SIZE
    check_photo(Upload("card.png", "image/png", png))  # Telegram's photo limits
    with card_print_fonts([card]) as fonts:
        assert render_pdf(card, fonts).startswith(b"%PDF")


def test_print_fonts_keep_outlines_hinting_and_metrics() -> None:
    chars = "Aa ¿¡“”ñÉ•·:"
    with print_fonts(chars) as fonts:
        assert set(fonts.files) == set(FONT_FILES)
        for weight, path in fonts.files.items():
            full, cut = TTFont(font_path(weight)), TTFont(path)
            assert "GSUB" not in cut and len(cut.getGlyphOrder()) < 30
            for table, fields in (
                ("head", "xMin yMin xMax yMax unitsPerEm"),
                ("hhea", "ascent descent"),
            ):
                for field in fields.split():
                    assert getattr(cut[table], field) == getattr(full[table], field), field
            full_map, cut_map = full.getBestCmap(), cut.getBestCmap()
            for c in chars:
                a, b = full_map[ord(c)], cut_map[ord(c)]
                assert cut["hmtx"][b] == full["hmtx"][a], c
                ga, gb = full["glyf"][a], cut["glyf"][b]
                assert gb.getCoordinates(cut["glyf"]) == ga.getCoordinates(full["glyf"]), c
                code = [g.program.getBytecode() if hasattr(g, "program") else b"" for g in (ga, gb)]
                assert code[0] == code[1], c


def test_pdf_needs_fonts_cut_for_its_characters(knowledge: Knowledge) -> None:
    card = compose_all(knowledge.cards, knowledge.catalog, list(knowledge.hotlines))[0]
    with print_fonts("Aa") as fonts, pytest.raises(ValueError, match="print fonts lack"):
        render_pdf(card, fonts)


def test_build_renders_only_changed_cards(tmp_path: Path) -> None:
    kb = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, kb)
    index = tmp_path / "index"
    first = build_cards(load_knowledge(kb), index)
    assert (first.rendered, first.reused) == (20, 0)
    before = knowledge_hash(kb)
    card = kb / "cards" / "at-protest.yaml"
    card.write_text(card.read_text().replace("reviewed_on: 2026-11-26", "reviewed_on: 2026-11-27"))
    assert knowledge_hash(kb) != before
    second = build_cards(load_knowledge(kb), index)
    assert (second.rendered, second.reused) == (4, 16)
    shelf = load_cards(index)
    assert len(shelf.cards) == 20 and shelf.find("at-protest", "es", "NYC") is not None
    assert len(list((index / "cards").glob("*.png"))) == 20


def test_photo_limits() -> None:
    def upload(size: tuple[int, int]) -> Upload:
        out = io.BytesIO()
        Image.new("L", size).save(out, "PNG")
        return Upload("x.png", "image/png", out.getvalue())

    assert check_photo(upload((1080, 1920))) == (1080, 1920)
    for bad in ((10, 300), (6000, 4500)):
        with pytest.raises(ApiError, match="PHOTO_INVALID_DIMENSIONS"):
            check_photo(upload(bad))


def test_cards_core_does_not_import_telegram() -> None:
    code = "import sys, index.card_store, index.cards; print('telegram' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.stdout.strip() == "False"


def test_cli_writes_cards(tmp_path: Path) -> None:
    from index.cli import main

    assert main(["cards", "--lang", "es", "--place", "NYC", "-o", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir())[:2] == [
        "arrested.es.NYC.pdf",
        "arrested.es.NYC.png",
    ]
