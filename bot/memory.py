"""Per-person memory: language, region and recent private-chat message ids.

Held in this process only (never on disk, never logged), keyed by Telegram user id, and
dropped after 24 hours without activity.  Message ids are kept so ``/forget`` can delete a
private chat's messages; Telegram lets bots delete messages only for 48 hours, so older ids
are useless and dropped too.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from index import Lang

IDLE_SECONDS = 24 * 3600.0
DELETABLE_SECONDS = 48 * 3600.0
MAX_MESSAGES = 500  # per person; a flood cannot grow memory without bound
MAX_EDITS = 50  # edits answered, per person: enough to never answer one twice
_SWEEP_EVERY = 600.0


@dataclass
class Record:
    """What is known about one person while they use the bot."""

    seen: float
    lang: Lang | None = None
    region: str | None = None
    messages: deque[tuple[float, int]] = field(default_factory=lambda: deque(maxlen=MAX_MESSAGES))
    edits: deque[tuple[int, int, int]] = field(default_factory=lambda: deque(maxlen=MAX_EDITS))


class Memory:
    """Records by user id, each forgotten after ``idle`` seconds without activity."""

    def __init__(
        self, idle: float = IDLE_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.idle = idle
        self._clock = clock
        self._records: dict[int, Record] = {}
        self._last_sweep = clock()

    def touch(self, user_id: int) -> Record:
        """The person's record, created or renewed; activity resets the idle timer."""
        now = self._clock()
        self._sweep(now)
        record = self._live(user_id, now)
        if record is None:
            record = self._records[user_id] = Record(seen=now)
        record.seen = now
        return record

    def lang(self, user_id: int) -> Lang | None:
        """The language the person chose with /language, if any."""
        record = self._live(user_id, self._clock())
        return record.lang if record is not None else None

    def region(self, user_id: int) -> str | None:
        """The jurisdiction code the person chose with /region, if any."""
        record = self._live(user_id, self._clock())
        return record.region if record is not None else None

    def set_lang(self, user_id: int, lang: Lang) -> None:
        """Remember the reply language chosen with /language."""
        self.touch(user_id).lang = lang

    def set_region(self, user_id: int, region: str | None) -> None:
        """Remember (or clear) the jurisdiction chosen with /region."""
        self.touch(user_id).region = region

    def note_message(self, user_id: int, message_id: int) -> None:
        """Remember a message in the person's private chat (theirs or the bot's)."""
        now, messages = self._clock(), self.touch(user_id).messages
        while messages and now - messages[0][0] >= DELETABLE_SECONDS:
            messages.popleft()  # too old for Telegram to delete: /privacy says it is not kept
        messages.append((now, message_id))

    def first_answer_to_edit(self, user_id: int, chat_id: int, message_id: int, at: int) -> bool:
        """True the first time an edit (a message and its edit time) is seen; then False."""
        edits = self.touch(user_id).edits
        if (chat_id, message_id, at) in edits:
            return False
        edits.append((chat_id, message_id, at))
        return True

    def deletable_messages(self, user_id: int) -> list[int]:
        """Ids of the private chat's messages from the last 48 hours, oldest first."""
        record = self._live(user_id, self._clock())
        if record is None:
            return []
        cutoff = self._clock() - DELETABLE_SECONDS
        return sorted({message_id for at, message_id in record.messages if at >= cutoff})

    def forget(self, user_id: int) -> None:
        """Drop everything about the person."""
        self._records.pop(user_id, None)

    def __len__(self) -> int:
        """How many people are remembered right now."""
        return len(self._records)

    def _live(self, user_id: int, now: float) -> Record | None:
        record = self._records.get(user_id)
        if record is not None and now - record.seen >= self.idle:
            del self._records[user_id]
            return None
        return record

    def _sweep(self, now: float) -> None:
        """Forget idle people, at most every few minutes."""
        if now - self._last_sweep < min(_SWEEP_EVERY, self.idle):
            return
        self._last_sweep = now
        idle = [key for key, record in self._records.items() if now - record.seen >= self.idle]
        for key in idle:
            del self._records[key]
