"""Test photos made in memory: a real face with hidden data, and hostile files.

The face is NASA's portrait of astronaut Eileen Collins (public domain), shipped in
scikit-image's wheel as ``skimage/data/astronaut.png``.  Hidden data is written the way
phones write it: EXIF with GPS, time and phone model, an XMP packet, and a JPEG comment.
"""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
from PIL import Image
from skimage import data as skdata

ASTRONAUT_FACE = (170, 40, 270, 180)  # x1, y1, x2, y2 of the labelled face in astronaut.png
SECRET_MODEL = "Pixel 8 Pro ZQ"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
    b'xmp:CreatorTool="protest-cam-zq"/></rdf:RDF></x:xmpmeta>'
)
MARKERS = (b"Exif\x00\x00", b"http://ns.adobe.com/xap/1.0/", b"protest-cam-zq", b"ZQ")


def astronaut() -> np.ndarray:
    """The astronaut portrait, RGB."""
    return np.asarray(skdata.astronaut())


def exif_with_gps() -> Image.Exif:
    """EXIF as a phone writes it: make, model, time and a GPS position."""
    exif = Image.Exif()
    exif[0x010F] = "Google"  # Make
    exif[0x0110] = SECRET_MODEL  # Model
    exif[0x0132] = "2026:06:14 18:31:07"  # DateTime
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (40.0, 42.0, 46.0)
    gps[3], gps[4] = "W", (74.0, 0.0, 21.0)
    return exif


def jpeg_with_hidden_data(pixels: np.ndarray | None = None) -> bytes:
    """A JPEG of ``pixels`` (the astronaut by default) carrying EXIF+GPS, XMP and a comment."""
    image = Image.fromarray(astronaut() if pixels is None else pixels)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif_with_gps(), xmp=XMP, comment=b"ZQ march")
    return buffer.getvalue()


def png_with_hidden_data() -> bytes:
    """A PNG of the astronaut carrying EXIF+GPS."""
    buffer = io.BytesIO()
    Image.fromarray(astronaut()).save(buffer, "PNG", exif=exif_with_gps())
    return buffer.getvalue()


def decompression_bomb(side: int = 30_000) -> bytes:
    """A tiny PNG that claims ``side`` x ``side`` pixels (900 megapixels by default)."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (side + 1) * 4)  # a few rows; the rest never decoded

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def truncated_jpeg() -> bytes:
    """The first 40% of a JPEG: what a dropped connection leaves."""
    whole = jpeg_with_hidden_data()
    return whole[: len(whole) * 2 // 5]


def jpeg_segments(data: bytes) -> list[int]:
    """The marker bytes of a JPEG's segments before its image data (0xE0 APP0, 0xE1 APP1...)."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, position = [], 2
    while position + 4 <= len(data) and data[position] == 0xFF:
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: the pixels follow
            break
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        markers.append(marker)
        position += 2 + length
    return markers


def assert_no_hidden_data(data: bytes) -> None:
    """No EXIF, XMP, IPTC, GPS or comment: by parsing and by scanning for the markers."""
    segments = jpeg_segments(data)
    assert all(m in (0xE0, 0xDB, 0xC0, 0xC2, 0xC4, 0xDD) for m in segments), segments
    image = Image.open(io.BytesIO(data))
    assert not image.getexif(), "EXIF survived"
    assert not image.getexif().get_ifd(0x8825), "GPS survived"
    assert not {"exif", "xmp", "comment", "icc_profile", "photoshop"} & set(image.info)
    found = [marker for marker in MARKERS if marker in data]
    assert found == [], f"markers survived: {found}"


def mean_in(data: bytes, box: tuple[int, int, int, int]) -> float:
    """Mean brightness inside ``box`` of an image file (0 is a solid black cover)."""
    pixels = np.asarray(Image.open(io.BytesIO(data)).convert("L"))
    x1, y1, x2, y2 = box
    return float(pixels[y1:y2, x1:x2].mean())
