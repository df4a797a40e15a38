"""``python -m bot.photo IN -o OUT``: cover the faces of a photo file, offline.

Prints one JSON line: ``{"faces": N, "width": W, "height": H, "ms": T}``.  A photo that
cannot be read prints one line on stderr and exits 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from bot.photo import FaceDetector, PhotoError, cover_photo


def main(argv: list[str] | None = None) -> int:
    """Cover IN's faces, write the clean JPEG to OUT, print the summary."""
    parser = argparse.ArgumentParser(prog="python -m bot.photo", description=__doc__)
    parser.add_argument("input", type=Path, help="a JPEG, PNG, WebP or HEIC photo")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write a JPEG")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        covered = cover_photo(args.input.read_bytes(), FaceDetector())
    except PhotoError as error:
        print(f"{args.input}: cannot cover this photo ({error.reason})", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{args.input}: {error.strerror or error}", file=sys.stderr)
        return 1
    args.output.write_bytes(covered.jpeg)
    elapsed = round((time.perf_counter() - started) * 1000)
    summary = {"faces": covered.faces, "width": covered.width, "height": covered.height}
    print(json.dumps({**summary, "ms": elapsed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
