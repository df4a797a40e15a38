"""Card benchmark (``make bench``): render every card from scratch, then send one from the bot.

Rendering: every variant (situations x languages x places), PNG and PDF, into an empty
folder (target <= 2 s), with the CPU time it took (one thread): on a busy machine the wall
time mostly measures the other processes, the CPU time is what an idle one would wait.
Sending: ``bot.cards.send_card`` through python-telegram-bot to the local Bot API emulator
over HTTP, after the first upload, so the file_id is reused (target <= 50 ms, median of 30).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS.parent), str(TESTS)]

from botapi_emulator import BotApiEmulator  # noqa: E402
from telegram import Bot  # noqa: E402
from telegram_payloads import Person  # noqa: E402

from bot.cards import send_card  # noqa: E402
from index.card_store import build_cards, load_cards  # noqa: E402
from index.knowledge import load_knowledge  # noqa: E402

TOKEN = "123456:BENCH-token"
SENDS = 30


async def _send(index_dir: Path, api: BotApiEmulator, chat: int) -> tuple[float, float]:
    card = load_cards(index_dir).find("police-at-door", "en", "NYC")
    assert card is not None
    bot_data: dict[Any, Any] = {}
    async with Bot(TOKEN, base_url=api.base_url) as bot:
        started = time.perf_counter()
        await send_card(bot, chat, card, bot_data)
        upload = time.perf_counter() - started
        times = []
        for _ in range(SENDS):
            started = time.perf_counter()
            await send_card(bot, chat, card, bot_data)
            times.append(time.perf_counter() - started)
    return upload, statistics.median(times)


def main() -> int:
    knowledge = load_knowledge(TESTS.parent / "knowledge")
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp)
        cpu = time.process_time()
        build = build_cards(knowledge, index_dir)
        cpu = time.process_time() - cpu
        again = build_cards(knowledge, index_dir)
        print(
            f"render all cards: {build.rendered} variants (PNG + PDF) in {build.seconds:.2f} s, "
            f"{cpu:.2f} s of CPU (target <= 2 s); unchanged rebuild {again.seconds * 1000:.0f} ms"
        )
        with BotApiEmulator(TOKEN) as api:
            person = Person(90000001, "Bench", "en")
            api.send_text(person, "/card")  # the emulator now knows the private chat
            upload, reused = asyncio.run(_send(index_dir, api, person.id))
    print(
        f"send one card: first upload {upload * 1000:.0f} ms, then file_id reused "
        f"{reused * 1000:.1f} ms median of {SENDS} (target <= 50 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
