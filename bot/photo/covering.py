"""The whole job on one photo: decode, find faces, cover each with a solid box, re-encode.

A solid box, not a blur: a blur can be partly reversed, a box cannot.  Boxes are padded
beyond the detected face because a head (hair, ears, chin) identifies as well as a face does.
Everything happens in memory; nothing is written to disk.
"""

from __future__ import annotations

import ctypes
import time
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from bot.photo.decoding import MAX_PIXELS, decode, encode
from bot.photo.detector import Box, FaceDetector, suppress

# The detector looks at each photo twice.  The fine look spends a fixed budget of pixels: a
# 12-megapixel photo is looked at with 0.64 of its pixels per side (a 32 px face is seen 20 px
# tall), a 1600x1200 photo at 1.6x and a Telegram-sized 1280 px photo at 2x, the most
# enlargement that still helps.  The coarse look sees the whole photo at 800 px on its long
# side, where a face filling the frame is about the size CenterFace was trained on.
FINE_PIXELS = 4_900_000
MAX_ENLARGE = 2.0
COARSE_LONG = 800
# A dark photo (mean brightness under DARK_MEAN of 255) is brightened by a gamma curve for the
# fine look, which lifts its mean to about LIFTED_MEAN: CenterFace misses faces in near-black.
DARK_MEAN, LIFTED_MEAN, MIN_GAMMA = 60.0, 0.4, 0.3
MERGE_IOU = 0.3  # boxes from both looks overlapping this much are one face
PAD_SIDE, PAD_TOP, PAD_BOTTOM = 0.25, 0.35, 0.2  # of the face's width or height
COVER_COLOUR = (0, 0, 0)


@dataclass(frozen=True)
class Covered:
    """A covered photo: JPEG bytes with no metadata, the boxes drawn, and time per stage."""

    jpeg: bytes
    faces: int
    width: int
    height: int
    boxes: tuple[Box, ...]
    ms: dict[str, float] = field(default_factory=dict)


def cover_photo(data: bytes, detector: FaceDetector, max_pixels: int = MAX_PIXELS) -> Covered:
    """Cover every face found in the image file ``data``; raises ``PhotoError`` if unreadable."""
    ms: dict[str, float] = {}
    started = time.perf_counter()
    pixels = decode(data, max_pixels)
    ms["decode"] = _since(started)
    started = time.perf_counter()
    boxes = find_faces(detector, pixels)
    ms["detect"] = _since(started)
    started = time.perf_counter()
    covered = cover(pixels, boxes)
    ms["cover"] = _since(started)
    started = time.perf_counter()
    jpeg = encode(covered)
    ms["encode"] = _since(started)
    height, width = pixels.shape[:2]
    del pixels, covered
    release_memory()
    return Covered(jpeg, len(boxes), width, height, tuple(boxes), ms)


def release_memory() -> None:
    """Hand the photo's freed buffers back to the system (glibc keeps them otherwise).

    A 12-megapixel photo passes through buffers of tens of megabytes; glibc keeps much of what
    is freed for reuse, so a bot that covered one photo stayed about 250 MB bigger (measured:
    340-370 MB resident after each 12-megapixel photo, 125 MB with this).  Not glibc: nothing.
    """
    if _libc is not None:
        _libc.malloc_trim(0)


def _load_libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018  (glibc only: musl and macOS have no malloc_trim)
    except (OSError, AttributeError):
        return None
    return libc


_libc = _load_libc()


def find_faces(detector: FaceDetector, pixels: np.ndarray) -> list[Box]:
    """Faces in ``pixels``, in its coordinates: a fine look and a coarse look, merged."""
    height, width = pixels.shape[:2]
    fine = min(MAX_ENLARGE, (FINE_PIXELS / (height * width)) ** 0.5)
    fine_view = _resized(pixels, fine)
    lifted = brightened(fine_view)
    boxes = _look(detector, fine_view if lifted is None else lifted, width, height)
    coarse = COARSE_LONG / max(height, width)
    if coarse < 0.7 * fine:  # else the fine look already saw the photo at about this size
        smaller = fine_view if fine < 1 else pixels  # resizing the smaller copy is faster
        boxes += _look(
            detector, _resized(smaller, coarse * width / smaller.shape[1]), width, height
        )
    return merge(boxes)


def _resized(pixels: np.ndarray, scale: float) -> np.ndarray:
    """``pixels`` resized by ``scale`` (bilinear), or as they are when the scale is 1."""
    height, width = pixels.shape[:2]
    size = (max(32, round(width * scale)), max(32, round(height * scale)))
    if size == (width, height):
        return pixels
    resample = Image.Resampling.BILINEAR
    return np.asarray(Image.fromarray(pixels).resize(size, resample, reducing_gap=2.0))


def _look(detector: FaceDetector, view: np.ndarray, width: int, height: int) -> list[Box]:
    """Detect in ``view``, a resized copy of a ``width`` x ``height`` photo; boxes in the photo's
    pixels."""
    sx, sy = width / view.shape[1], height / view.shape[0]
    return [Box(b.x1 * sx, b.y1 * sy, b.x2 * sx, b.y2 * sy, b.score) for b in detector.detect(view)]


def brightened(pixels: np.ndarray) -> np.ndarray | None:
    """A gamma-lifted copy of a dark photo, or None when the photo is not dark."""
    mean = float(pixels[::8, ::8].mean())
    if mean >= DARK_MEAN:
        return None
    gamma = max(MIN_GAMMA, float(np.log(LIFTED_MEAN) / np.log(max(mean, 1.0) / 255)))
    curve = np.round(255 * (np.arange(256) / 255) ** gamma).astype(np.uint8)
    lifted: np.ndarray = curve[pixels]
    return lifted


def merge(boxes: list[Box]) -> list[Box]:
    """One box per face across looks: the best-scored box, grown to cover those it overlaps.

    Growing rather than dropping: two looks at different scales draw the same face a little
    differently, and covering the union of both misses less of it.
    """
    if not boxes:
        return []
    corners = np.array([(b.x1, b.y1, b.x2, b.y2) for b in boxes], dtype=np.float64)
    scores = np.array([b.score for b in boxes])
    merged = []
    for best, members in suppress(corners, scores, MERGE_IOU):
        group = corners[[best, *members]]
        x1, y1 = group[:, 0].min(), group[:, 1].min()
        x2, y2 = group[:, 2].max(), group[:, 3].max()
        merged.append(Box(float(x1), float(y1), float(x2), float(y2), boxes[best].score))
    return merged


def padded(box: Box, width: int, height: int) -> tuple[int, int, int, int]:
    """The area to cover for a face: the box grown to the whole head, clipped to the image."""
    face_w, face_h = box.x2 - box.x1, box.y2 - box.y1
    x0 = max(0, int(box.x1 - PAD_SIDE * face_w))
    y0 = max(0, int(box.y1 - PAD_TOP * face_h))
    x1 = min(width, int(np.ceil(box.x2 + PAD_SIDE * face_w)))
    y1 = min(height, int(np.ceil(box.y2 + PAD_BOTTOM * face_h)))
    return x0, y0, x1, y1


def cover(pixels: np.ndarray, boxes: list[Box]) -> np.ndarray:
    """A copy of ``pixels`` with a solid box over each padded face."""
    covered = np.array(pixels, copy=True)
    height, width = covered.shape[:2]
    for box in boxes:
        x0, y0, x1, y1 = padded(box, width, height)
        covered[y0:y1, x0:x1] = COVER_COLOUR
    return covered


def _since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)
