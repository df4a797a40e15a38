"""Decode a photo into pixels (bounded, EXIF orientation applied) and encode pixels back.

Re-encoding from pixels is what removes hidden data: the output file is written from the
pixel array alone, so EXIF (GPS, time, phone model), XMP, IPTC, ICC profiles, embedded
thumbnails and comments of the original never reach it.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from bot.photo.errors import NotAnImage, TooManyPixels, Unreadable

MAX_PIXELS = 40_000_000  # a decompression bomb is refused before its pixels are allocated
FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")  # a phone's MPO opens as its first JPEG
JPEG_QUALITY = 92
_heif_registered = False


def _register_heif() -> None:
    """Teach Pillow HEIC/HEIF (pillow-heif ships libheif in its wheel) once, if installed."""
    global _heif_registered
    if _heif_registered:
        return
    _heif_registered = True
    Image.init()  # every plugin, so ``formats=`` can name WebP
    try:
        from pillow_heif import register_heif_opener
    except ImportError:  # optional: JPEG, PNG and WebP still work
        return
    register_heif_opener(thumbnails=False)


def decode(data: bytes, max_pixels: int = MAX_PIXELS) -> np.ndarray:
    """RGB pixels (height x width x 3, uint8) of an image file, turned as EXIF says."""
    _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            formats = [name for name in FORMATS if name in Image.OPEN]  # HEIF when installed
            image = Image.open(io.BytesIO(data), formats=formats)
            width, height = image.size
            if width * height > max_pixels:
                raise TooManyPixels(f"{width}x{height} is over {max_pixels} pixels")
            image.load()
    except TooManyPixels:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise TooManyPixels(str(error)) from error
    except UnidentifiedImageError as error:
        raise NotAnImage("not an image Pillow reads") from error
    except (OSError, SyntaxError, ValueError) as error:  # truncated or damaged data
        raise Unreadable(type(error).__name__) from error
    try:
        upright = ImageOps.exif_transpose(image)
    except (OSError, SyntaxError, ValueError):  # a damaged EXIF block: keep the stored turn
        upright = image
    return np.asarray(upright.convert("RGB"))


def encode(pixels: np.ndarray) -> bytes:
    """A JPEG written from ``pixels`` alone: no EXIF, XMP, IPTC, ICC, thumbnail or comment."""
    image = Image.fromarray(pixels, mode="RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=False)
    return buffer.getvalue()
