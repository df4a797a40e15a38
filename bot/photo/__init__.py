"""Photo safety, the pure pipeline: cover every face and drop hidden data, in memory.

No Telegram here: ``bot.photo_handlers`` talks to Telegram, ``python -m bot.photo`` covers a
file on this machine.
"""

from bot.photo.covering import Covered, cover_photo
from bot.photo.detector import Box, FaceDetector, ModelError
from bot.photo.errors import NotAnImage, PhotoError, TooManyPixels, Unreadable

__all__ = [
    "Box",
    "Covered",
    "FaceDetector",
    "ModelError",
    "NotAnImage",
    "PhotoError",
    "TooManyPixels",
    "Unreadable",
    "cover_photo",
]
