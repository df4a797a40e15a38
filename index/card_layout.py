"""Text layout for cards: wrap blocks of text into a box, shrinking them to fit, never below
their minimum size. One layout serves the PNG (pixels) and the PDF (millimetres).

Widths are measured with the card fonts' own metrics (Pillow's FreeType, no kerning), so a
line laid out here is the line drawn; renderers only place ``Placed`` lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from PIL import ImageFont

from index.errors import KyrError

Weight = Literal["regular", "bold"]
FONT_PACKAGE = "font_source_sans_pro"  # static TTFs, SIL OFL 1.1 (files/LICENSE.txt)
FONT_FILES: dict[Weight, str] = {
    "regular": "SourceSansPro-Regular.ttf",
    "bold": "SourceSansPro-Bold.ttf",
}
LEADING = 1.22  # line height as a multiple of the font size
BASELINE = 0.98  # baseline below the top of a line box, as a multiple of the font size
_MEASURE_SIZE = 200  # widths are measured at this size and scaled (metrics scale linearly)


class CardOverflowError(KyrError):
    """A card's text does not fit its box at the smallest size allowed."""


def font_path(weight: Weight) -> Path:
    """The TTF file of ``weight``, inside the installed font package."""
    return Path(str(resources.files(FONT_PACKAGE).joinpath("files", FONT_FILES[weight])))


@lru_cache(maxsize=256)
def pil_font(weight: Weight, size: float) -> ImageFont.FreeTypeFont:
    """A cached FreeType font (basic layout: the same advance widths everywhere)."""
    return ImageFont.truetype(str(font_path(weight)), size, layout_engine=ImageFont.Layout.BASIC)


def text_width(text: str, weight: Weight, size: float) -> float:
    """Width of ``text`` set at ``size`` (same unit as the size)."""
    return _measured(text, weight) * size / _MEASURE_SIZE


@lru_cache(maxsize=8192)
def _measured(text: str, weight: Weight) -> float:
    # Cached without the size: ``fit`` tries one size after another, and the phone image and
    # the print page set the same strings, so most widths are asked for more than once.
    return float(pil_font(weight, _MEASURE_SIZE).getlength(text))


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Block:
    """A paragraph: its largest and smallest size, weight, colour role and space before it."""

    text: str
    size: float
    min_size: float
    weight: Weight = "regular"
    color: str = "fg"
    gap: float = 0.0  # space before the block, as a multiple of its size
    indent: str = ""  # e.g. "• ": hangs before the first line, later lines align after it


@dataclass(frozen=True)
class Placed:
    """One laid-out line: its text, the top-left of its line box, size, weight, colour role."""

    text: str
    x: float
    y: float
    size: float
    weight: Weight
    color: str

    @property
    def baseline(self) -> float:
        return self.y + self.size * BASELINE


def wrap(text: str, weight: Weight, size: float, width: float) -> list[str] | None:
    """Greedy word wrap; None when one word alone is wider than ``width``."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, weight, size) <= width:
            current = candidate
        elif text_width(word, weight, size) > width:
            return None
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _place(blocks: list[Block], box: Box, scale: float, whole: bool) -> list[Placed] | None:
    placed: list[Placed] = []
    y = box.y
    for i, block in enumerate(blocks):
        size = float(max(round(block.size * scale), 1)) if whole else block.size * scale
        hang = text_width(block.indent, block.weight, size) if block.indent else 0.0
        lines = wrap(block.text, block.weight, size, box.w - hang)
        if lines is None:
            return None
        y += block.gap * size if i else 0.0
        for n, line in enumerate(lines):
            text = block.indent + line if block.indent and n == 0 else line
            x = box.x if (n == 0 or not block.indent) else box.x + hang
            placed.append(Placed(text, x, y, size, block.weight, block.color))
            y += size * LEADING
    return placed if y - box.y <= box.h + 1e-6 else None


def fit(blocks: list[Block], box: Box, what: str, whole: bool = False) -> list[Placed]:
    """Lay ``blocks`` out in ``box`` at the largest common scale (1.0 down by 3% steps).

    ``whole`` rounds sizes to whole units (pixels: fewer distinct fonts to load and cache).
    Raises CardOverflowError, naming ``what``, when a block would fall below its minimum.
    """
    scale = 1.0
    while all(b.size * scale >= b.min_size - 1e-9 for b in blocks):
        placed = _place(blocks, box, scale, whole)
        if placed is not None:
            return placed
        scale *= 0.97
    raise CardOverflowError(f"{what}: text does not fit its box at the smallest size allowed")
