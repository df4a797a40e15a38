"""Draw a ``CardText``: a phone-screen PNG (Pillow) and a printable PDF page (fpdf2).

PNG: 1080x1920, white and yellow on black, the English lines for the officer in large bold
type below the lock-screen clock area, the person's language and what to do underneath.
PDF: US Letter, three copies of the card's front (English, for the officer) and back (the
person's language) side by side at wallet size (85.6 x 54 mm each), with crop marks at the
corners and fold marks at the middle. Both use the static Source Sans Pro TTFs; a PDF
embeds them as cut down by ``index.card_fonts`` for its batch (see there why).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.fpdf import PAGE_FORMATS
from PIL import Image, ImageDraw

from index.card_fonts import PrintFonts, print_fonts
from index.card_layout import Block, Box, Placed, fit, pil_font
from index.card_text import CardText

PNG_SIZE = (1080, 1920)
PNG_COLORS = {"fg": (255, 255, 255), "muted": (215, 215, 215), "accent": (255, 214, 0)}
PNG_MIN_PX = 28.0  # nothing on the phone image is smaller (footer included)
PDF_COLORS = {"fg": (0, 0, 0), "muted": (40, 40, 40), "accent": (0, 0, 0)}
PT = 25.4 / 72  # millimetres per point
PDF_MIN_PT = 5.0  # body text on the printed card
PDF_FOOTER_MIN_PT = 4.2
CARD_W, CARD_H, PAD = 85.6, 54.0, 3.5
COPIES = 3
PAGE_FORMAT = "letter"
PAGE_W, PAGE_H = (v * PT for v in PAGE_FORMATS[PAGE_FORMAT])  # millimetres, as fpdf2 has them
PAGE_LEFT = (PAGE_W - 2 * CARD_W) / 2  # the copies are centred across the page
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


# --- layout (shared by the renderers and the overflow test) ------------------------------


def png_layout(card: CardText) -> list[Placed]:
    """Every line of the phone image, laid out (raises CardOverflowError)."""
    w, foot = PNG_SIZE[0] - 2 * 72, f"{card.key} png footer"
    head = [
        Block(card.label("show"), 34, PNG_MIN_PX, color="muted"),
        Block(card.title, 52, 36, "bold", "accent", 0.2),
    ]
    say: list[Block] = []
    for english, own in zip(card.say_en, card.say, strict=True):
        say.append(Block(english, 86, 46, "bold", "fg", 0.5))
        if card.lang != "en":
            say.append(Block(own, 40, PNG_MIN_PX + 2, "regular", "accent", 0.1))
    rest = [Block(card.label("do"), 38, 30, "bold", "accent")]
    rest += [Block(line, 36, PNG_MIN_PX, indent="• ", gap=0.25) for line in card.do]
    rest += _help_blocks(card, 36, PNG_MIN_PX, png=True)
    return [
        *fit(head, Box(72, 190, w, 150), f"{card.key} png header", True),
        *fit(say, Box(72, 360, w, 900), f"{card.key} png lines to say", True),
        *fit(rest, Box(72, 1300, w, 500), f"{card.key} png what to do", True),
        *fit(
            [Block(card.footer, 30, PNG_MIN_PX, color="muted")],
            Box(72, 1815, w, 90),
            foot,
            True,
        ),
    ]


def _help_blocks(card: CardText, size: float, minimum: float, png: bool) -> list[Block]:
    blocks = [Block(card.label("help"), size, minimum, "bold", "accent", 0.5)]
    if card.hotlines:
        blocks += [
            Block(line, size, minimum, "bold" if png else "regular") for line in card.hotlines
        ]
    else:
        blocks.append(Block(card.label("no_number"), size, minimum))
    return blocks


def pdf_faces(card: CardText, x: float, y: float) -> list[Placed]:
    """Front and back of one card whose front's top-left corner is (x, y), in millimetres."""
    inner = CARD_W - 2 * PAD
    front = [Block(card.title_en.upper(), 7 * PT, PDF_MIN_PT * PT, "bold", "accent")]
    front += [Block(line, 11 * PT, 6.5 * PT, "bold", gap=0.35) for line in card.say_en]
    back = [Block(card.title, 7.5 * PT, PDF_MIN_PT * PT, "bold", "accent")]
    if card.lang != "en":
        back.append(Block(card.label("other_side"), 5.6 * PT, PDF_MIN_PT * PT, gap=0.2))
        back += [Block(s, 6.2 * PT, PDF_MIN_PT * PT, "bold", indent="• ") for s in card.say]
    back.append(Block(card.label("do"), 6.2 * PT, PDF_MIN_PT * PT, "bold", "accent", 0.35))
    back += [Block(s, 6.2 * PT, PDF_MIN_PT * PT, indent="• ") for s in card.do]
    back += _help_blocks(card, 6.2 * PT, PDF_MIN_PT * PT, png=False)
    body_h = CARD_H - 2 * PAD - 5.0
    placed: list[Placed] = []
    for face, blocks, text in ((0, front, card.footer_en), (1, back, card.footer)):
        left = x + face * CARD_W + PAD
        where = f"{card.key} pdf {'front' if face == 0 else 'back'}"
        placed += fit(blocks, Box(left, y + PAD, inner, body_h), where)
        note = Block(text, 4.6 * PT, PDF_FOOTER_MIN_PT * PT, color="muted")
        placed += fit([note], Box(left, y + CARD_H - PAD - 4.2, inner, 4.4), where + " footer")
    return placed


# --- PNG ---------------------------------------------------------------------------------


def render_png(card: CardText) -> bytes:
    """The phone image as PNG bytes."""
    image = Image.new("RGB", PNG_SIZE, (0, 0, 0))
    draw = ImageDraw.Draw(image)
    for line in png_layout(card):
        font = pil_font(line.weight, line.size)
        draw.text((line.x, line.baseline), line.text, PNG_COLORS[line.color], font, anchor="ls")
    draw.line([(72, 1278), (PNG_SIZE[0] - 72, 1278)], fill=PNG_COLORS["accent"], width=4)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)  # flat colours compress well even at level 1
    return out.getvalue()


# --- PDF ---------------------------------------------------------------------------------


def _copy_tops() -> list[float]:
    """The top edge of each copy: equal space above, between and below them."""
    gap = (PAGE_H - COPIES * CARD_H) / (COPIES + 1)
    return [gap + copy * (CARD_H + gap) for copy in range(COPIES)]


def pdf_layout(card: CardText) -> list[Placed]:
    """Every line of the print page: the how-to line above the copies, then each copy."""
    tops = _copy_tops()
    lines = [Placed(card.label("how"), PAGE_LEFT, tops[0] / 2 - 2, 8 * PT, "regular", "fg")]
    for top in tops:
        lines += pdf_faces(card, PAGE_LEFT, top)
    return lines


def card_print_fonts(cards: Iterable[CardText]) -> AbstractContextManager[PrintFonts]:
    """The PDF fonts for rendering ``cards`` (one subset for the whole batch)."""
    return print_fonts(c for card in cards for line in pdf_layout(card) for c in line.text)


class _Page(FPDF):
    """A Letter page with the card fonts registered."""

    def __init__(self, fonts: PrintFonts) -> None:
        super().__init__(orientation="portrait", unit="mm", format=PAGE_FORMAT)
        self.set_auto_page_break(False)
        self.set_margin(0)
        self.add_font("card", "", str(fonts.files["regular"]))
        self.add_font("card", "B", str(fonts.files["bold"]))
        self.add_page()


def render_pdf(card: CardText, fonts: PrintFonts) -> bytes:
    """The print page as PDF bytes: three copies, crop and fold marks, a how-to line.

    ``fonts`` must come from ``card_print_fonts`` over a batch that includes ``card``.
    """
    lines = pdf_layout(card)
    missing = fonts.missing("".join(line.text for line in lines))
    if missing:
        raise ValueError(f"{card.key}: print fonts lack {''.join(sorted(missing))!r}")
    pdf = _Page(fonts)
    pdf.set_title(f"{card.title_en} / {card.title}")
    pdf.set_creation_date(_EPOCH)  # reproducible bytes: no time stamp
    for line in lines:
        _draw(pdf, line)
    for top in _copy_tops():
        _marks(pdf, PAGE_LEFT, top)
    return bytes(pdf.output())


def _draw(pdf: FPDF, line: Placed) -> None:
    pdf.set_font("card", "B" if line.weight == "bold" else "", line.size / PT)
    pdf.set_text_color(*PDF_COLORS[line.color])
    pdf.text(line.x, line.baseline, line.text)


def _marks(pdf: FPDF, left: float, top: float) -> None:
    """Crop marks at the four outer corners, dashed fold marks above and below the middle."""
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    right, bottom, off, length = left + 2 * CARD_W, top + CARD_H, 2.0, 6.0
    for x, sx in ((left, -1), (right, 1)):
        for y, sy in ((top, -1), (bottom, 1)):
            pdf.line(x + sx * off, y, x + sx * (off + length), y)
            pdf.line(x, y + sy * off, x, y + sy * (off + length))
    fold = left + CARD_W
    with pdf.local_context():
        pdf.set_dash_pattern(dash=1, gap=1)
        pdf.line(fold, top - off - length, fold, top - off)
        pdf.line(fold, bottom + off, fold, bottom + off + length)
