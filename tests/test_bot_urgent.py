"""The bot's reply to an urgent message carries the numbers for its situation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bot_fixtures import bot_settings, running_harness
from telegram_payloads import Person

from bot.document import plain
from bot.inline import answer_results
from bot.replies import compose_answer, compose_group
from index import Retriever, open_retriever
from index.cli import main

SITUATIONS = """\
who:
  police: {en: [cops, police], es: [policia]}
now: {en: [right now, banging], es: [ahora]}
call: {en: [who do i call], es: [a quien llamo]}
phrases:
  door: {en: [door], es: [puerta]}
situations:
  police-at-door:
    who: police
    all: [door]
    needs: [arrested]
"""

HOTLINES = """hotlines:
  - id: sample-arrest-line
    number: "212-555-0142"
    name:
      en: "Sample Arrest Line, for people arrested"
      es: "Línea de arrestos de ejemplo, para personas arrestadas"
    needs: [arrested]
    places: [NYC]
    seen_at: "https://www.example.org/arrests"
    seen_on: 2026-11-26
  - id: sample-immigration-line
    number: "212-555-0199"
    name: {en: "Sample Immigration Line", es: "Línea de inmigración de ejemplo"}
    needs: [immigration]
    places: [NYC]
    seen_at: "https://www.example.org/immigration"
    seen_on: 2026-11-26
"""

TAG = "passages:\n  open-door:\n    kind: steps\n    situations: [police-at-door]\n"


@pytest.fixture(scope="module")
def urgent_knowledge(bot_knowledge_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bot's knowledge base with situations, hotlines and one tagged steps passage."""
    target = tmp_path_factory.mktemp("urgent") / "knowledge"
    shutil.copytree(bot_knowledge_dir, target)
    (target / "situations.yaml").write_text(SITUATIONS, encoding="utf-8")
    (target / "hotlines.yaml").write_text(HOTLINES, encoding="utf-8")
    article = target / "articles" / "en" / "police-at-door.md"
    head, body = article.read_text(encoding="utf-8").split("\n---\n", 1)
    article.write_text(f"{head}\n{TAG}---\n{body}", encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def urgent_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("urgent-index")


@pytest.fixture(scope="module")
def urgent_retriever(model: Any, urgent_knowledge: Path, urgent_index: Path) -> Retriever:
    return open_retriever(urgent_knowledge, urgent_index, embedder=model)


async def test_the_reply_to_an_urgent_message_carries_its_number(
    urgent_retriever: Retriever, urgent_knowledge: Path, tmp_path: Path
) -> None:
    settings = bot_settings(urgent_knowledge, tmp_path)
    async with running_harness(settings, urgent_retriever) as harness:
        alice = Person(2001, "Alice", "en", "alice_q")
        message = "the cops are banging on my door right now"
        sent = await harness.feed(harness.payloads.text(alice, message))
    assert len(sent) == 1
    reply = sent[0].text
    assert reply.startswith("Do I have to open the door?")
    assert "212-555-0142" in reply and "212-555-0199" not in reply
    assert reply.index("212-555-0142") < reply.index("Applies to")


def test_the_number_line_follows_the_askers_language(urgent_retriever: Retriever) -> None:
    answer = urgent_retriever.search("la policia esta en mi puerta ahora")
    assert answer.situation == "police-at-door" and answer.hotlines == ["sample-arrest-line"]
    text = "\n".join(plain(p) for p in compose_answer(answer, urgent_retriever))
    assert "Llame para pedir ayuda" in text
    assert "☎ 212-555-0142 · Línea de arrestos de ejemplo (Ciudad de Nueva York)" in text
    general = urgent_retriever.search("do i have to open the door for the police")
    assert general.situation is None
    assert "212-555-0142" not in "\n".join(
        plain(p) for p in compose_answer(general, urgent_retriever)
    )


def test_a_group_reply_to_an_urgent_message_carries_its_number_too(
    urgent_retriever: Retriever,
) -> None:
    answer = urgent_retriever.search("the cops are banging on my door right now")
    group = "\n".join(plain(p) for p in compose_group(answer, urgent_retriever))
    assert "☎ 212-555-0142" in group and "212-555-0199" not in group
    calm = urgent_retriever.search("do i have to open the door for the police")
    assert "212-555-0142" not in "\n".join(plain(p) for p in compose_group(calm, urgent_retriever))


def test_an_inline_result_for_an_urgent_question_carries_its_number(
    urgent_retriever: Retriever,
) -> None:
    """Inline results are sent into groups, where someone may be in the situation."""
    urgent = answer_results(
        urgent_retriever.search("the cops are banging on my door right now"), urgent_retriever
    )
    texts = [r.input_message_content.message_text for r in urgent]  # type: ignore[union-attr]
    assert "☎ 212-555-0142" in texts[0]
    assert not any("212-555-0142" in t for t in texts[1:])
    calm = urgent_retriever.search("do i have to open the door for the police")
    assert not any(
        "212-555-0142" in r.input_message_content.message_text  # type: ignore[union-attr]
        for r in answer_results(calm, urgent_retriever)
    )


def test_ask_json_names_the_situation_and_its_numbers(
    urgent_retriever: Retriever,
    urgent_knowledge: Path,
    urgent_index: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["ask", "--json", "--knowledge", str(urgent_knowledge), "--index-dir", str(urgent_index)]
    assert main([*argv, "police banging on the door right now"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["situation"] == "police-at-door"
    assert [h["number"] for h in payload["hotlines"]] == ["212-555-0142"]
    assert payload["passages"][0]["id"] == "police-at-door#open-door"
