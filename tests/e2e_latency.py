"""Reply latency of the whole bot, measured through the local Bot API emulator (not a test).

Starts the emulator and ``python -m bot`` as a subprocess, sends questions as private messages
and times each one from the update being queued to the last message of the reply arriving
(long-poll delivery, retrieval, rendering and sendMessage over HTTP).  Usage::

    .venv/bin/python tests/e2e_latency.py                   # 100 questions, real knowledge/
    .venv/bin/python tests/e2e_latency.py --concurrency 4 --knowledge tests/fixtures/knowledge
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bot_fixtures import TOKEN, start_bot_process, stop_bot_process
from botapi_emulator import BotApiEmulator
from telegram_payloads import Person

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "Police are at my door. Do I have to open it?",
    "Do I have to let officers in without a warrant?",
    "Can police make me unlock my phone with my face?",
    "How do I turn off Face ID before a protest?",
    "Can I film the police?",
    "Is it legal to record a police officer in public?",
    "What should I do if I am arrested at a protest?",
    "Which hotline do I call if I get arrested?",
    "Can police search my phone after an arrest?",
    "Can I wear a mask at a protest?",
    "La policía está en mi puerta, ¿tengo que abrir?",
    "¿Puedo grabar a la policía con mi teléfono?",
    "¿Qué hago si me arrestan en una protesta?",
    "¿Me pueden obligar a desbloquear mi teléfono?",
    "What is the weather in Paris tomorrow?",
    "Who won the football game last night?",
]


def measure(api: BotApiEmulator, person: Person, question: str) -> float:
    """Seconds from queuing the question to the end of the bot's reply."""
    mark = api.mark()
    started = time.perf_counter()
    api.send_text(person, question)
    api.wait_for_messages(
        person.id, since=mark, until=lambda ms: any("/hotline" in m.text for m in ms), timeout=60
    )
    return time.perf_counter() - started


def run(count: int, concurrency: int, knowledge: Path, index: Path) -> list[float]:
    with tempfile.TemporaryDirectory() as workdir, BotApiEmulator(TOKEN) as api:
        started = time.perf_counter()
        bot = start_bot_process(api, knowledge, index, Path(workdir), THROTTLE_MAX_QUESTIONS="1000")
        print(f"bot ready in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        try:
            people = [Person(5000 + i, "Bench", "en") for i in range(concurrency)]
            jobs = list(zip(itertools.cycle(QUESTIONS), range(count), strict=False))
            measure(api, people[0], QUESTIONS[0])  # warm-up, not counted
            with ThreadPoolExecutor(concurrency) as pool:
                futures = [pool.submit(measure, api, people[i % concurrency], q) for q, i in jobs]
                return [f.result() for f in futures]
        finally:
            stop_bot_process(bot)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--knowledge", type=Path, default=REPO / "knowledge")
    parser.add_argument("--index", type=Path, help="index dir (default: a fresh temp dir)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        index = args.index or Path(scratch) / "index"
        latencies = sorted(run(args.count, args.concurrency, args.knowledge.resolve(), index))
    cuts = statistics.quantiles(latencies, n=100)
    print(
        f"questions={len(latencies)} concurrency={args.concurrency} "
        f"p50={statistics.median(latencies) * 1000:.0f}ms p95={cuts[94] * 1000:.0f}ms "
        f"max={latencies[-1] * 1000:.0f}ms mean={statistics.fmean(latencies) * 1000:.0f}ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
