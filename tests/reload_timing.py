"""How long a moderator's /reload takes for one changed article, in the running bot (not a test).

Copies the knowledge base to a temp dir, starts the emulator and ``python -m bot`` with a
moderator, changes one sentence of one article, sends ``/reload`` and prints the duration the
bot reports (the rebuild in its worker thread) and the wall time until its reply arrived.
It starts from a copy of ``.kyr-index`` when there is one (else the first start builds it)::

    .venv/bin/python tests/reload_timing.py                   # real knowledge/, 3 reloads
    .venv/bin/python tests/reload_timing.py --rounds 5
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bot_fixtures import TOKEN, start_bot_process, stop_bot_process
from botapi_emulator import BotApiEmulator
from telegram_payloads import Person

REPO = Path(__file__).resolve().parent.parent
MODERATOR = Person(9001, "Mod", "en")
ARTICLE = Path("articles/en/police-at-door.md")
_REPORTED = re.compile(r"Reloaded in (\d+\.\d+) s\..*?(\d+) changed", re.DOTALL)


def reload_once(api: BotApiEmulator) -> tuple[float, float, int]:
    """(seconds the bot reports, wall seconds, passages changed) for one /reload."""
    mark = api.mark()
    started = time.perf_counter()
    api.send_text(MODERATOR, "/reload")
    reply = api.wait_for_messages(MODERATOR.id, since=mark, timeout=300)[0].text
    wall = time.perf_counter() - started
    match = _REPORTED.search(reply)
    if match is None:
        raise RuntimeError(f"unexpected reply: {reply[:200]}")
    return float(match.group(1)), wall, int(match.group(2))


def run(knowledge: Path, rounds: int) -> None:
    """Start the bot over a copy of ``knowledge``, then change one article and reload."""
    with tempfile.TemporaryDirectory() as scratch, BotApiEmulator(TOKEN) as api:
        workdir = Path(scratch)
        copy, index = workdir / "knowledge", workdir / "kyr-index"
        shutil.copytree(knowledge, copy)
        if (REPO / ".kyr-index").is_dir():
            shutil.copytree(REPO / ".kyr-index", index, ignore=shutil.ignore_patterns(".lock"))
        started = time.perf_counter()
        bot = start_bot_process(api, copy, index, workdir, MODERATOR_IDS=str(MODERATOR.id))
        print(f"bot ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        try:
            path = copy / ARTICLE
            original = path.read_text(encoding="utf-8")
            for i in range(rounds):
                changed = original.replace("Stay calm.", f"Stay calm (edit {i}).", 1)
                path.write_text(changed, encoding="utf-8")
                reported, wall, passages = reload_once(api)
                print(
                    f"/reload after editing {ARTICLE.name}: {reported:.2f} s in the bot, "
                    f"{wall:.2f} s until the reply, {passages} passage(s) changed"
                )
        finally:
            stop_bot_process(bot)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=REPO / "knowledge")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    run(args.knowledge.resolve(), args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
