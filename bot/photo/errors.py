"""Errors a photo can fail with; each names the fixed text that tells the person why."""

from __future__ import annotations


class PhotoError(Exception):
    """A photo that cannot be covered; ``reason`` keys the reply (``photo_<reason>``)."""

    reason = "unreadable"


class NotAnImage(PhotoError):
    """The bytes are not an image format the bot reads (JPEG, PNG, WebP, HEIC...)."""

    reason = "not_image"


class TooManyPixels(PhotoError):
    """More pixels than the decoder accepts: a decompression bomb, or simply too big."""

    reason = "too_many_pixels"


class Unreadable(PhotoError):
    """An image whose data is cut short or damaged."""

    reason = "unreadable"
