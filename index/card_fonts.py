"""The card fonts cut down to the characters a batch of print pages draws, for fpdf2.

fpdf2 parses the whole TTF of every font a PDF registers, then subsets it again when it
writes the file. For Source Sans Pro (1,942 glyphs and large OpenType layout tables, which
fontTools decodes before dropping them) that was most of the time spent on a card's PDF.
Subsetting once per batch to the ~80 characters the pages draw, without those layout
tables (fpdf2 drops them too: it does not shape text here), leaves fpdf2 a font of ~13 KB to
parse and subset per PDF. Outlines, hinting, advance widths and the metrics fpdf2 reads
(head, hhea, OS/2, post, name) are copied unchanged, so the pages look the same.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

from index.card_layout import FONT_FILES, Weight, font_path

# Deleted before subsetting: fontTools would decode them only for fpdf2 to drop them.
_LAYOUT_TABLES = ("GDEF", "GPOS", "GSUB")


@dataclass(frozen=True)
class PrintFonts:
    """TTF files with the glyphs of ``chars``; they exist inside ``print_fonts``'s block."""

    chars: frozenset[str]
    files: Mapping[Weight, Path]

    def missing(self, text: str) -> set[str]:
        """Characters of ``text`` these fonts were not cut for."""
        return set(text) - self.chars


@contextmanager
def print_fonts(chars: Iterable[str]) -> Iterator[PrintFonts]:
    """Both weights, subset to ``chars``, in a temporary folder removed on exit."""
    wanted = frozenset(chars)
    with tempfile.TemporaryDirectory(prefix="kyr-card-fonts-") as tmp:
        yield PrintFonts(wanted, {w: _subset(w, wanted, Path(tmp)) for w in FONT_FILES})


def _subset(weight: Weight, chars: frozenset[str], folder: Path) -> Path:
    # recalcBBoxes=False keeps the font-wide box of the full font, which fpdf2 copies into
    # the PDF's font descriptor, so the descriptor does not change either.
    font = TTFont(font_path(weight), recalcBBoxes=False, recalcTimestamp=False)
    for tag in _LAYOUT_TABLES:
        if tag in font:
            del font[tag]
    # fpdf2's own options: keep the .notdef box and the recommended glyphs (space, CR...).
    subsetter = Subsetter(Options(notdef_outline=True, recommended_glyphs=True))
    subsetter.populate(unicodes=sorted(ord(c) for c in chars))
    subsetter.subset(font)
    path = folder / FONT_FILES[weight]
    font.save(path)
    return path
