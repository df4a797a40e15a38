"""What photo safety holds while the bot runs: who has a photo in progress, and the detector.

In memory only.  A person's id is in ``busy`` only while their photo is being covered; the
photo itself is never kept here (it lives in the handler's local variables until the reply
is sent).  The detector is loaded on the first photo, so a bot that never sees one never
pays for it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from bot.photo import FaceDetector


@dataclass
class PhotoDesk:
    """One photo job per person at a time, and one shared face detector."""

    busy: set[int] = field(default_factory=set)
    detector_slot: list[FaceDetector] = field(default_factory=list)
    loading: threading.Lock = field(default_factory=threading.Lock)

    def start(self, user_id: int) -> bool:
        """Mark a job as started for ``user_id``; False when one is already running."""
        if user_id in self.busy:
            return False
        self.busy.add(user_id)
        return True

    def finish(self, user_id: int) -> None:
        """The person's job is over (done or failed)."""
        self.busy.discard(user_id)

    def detector(self) -> FaceDetector:
        """The face detector, loaded once (blocking: call it from a worker thread)."""
        with self.loading:
            if not self.detector_slot:
                self.detector_slot.append(FaceDetector())
            return self.detector_slot[0]
