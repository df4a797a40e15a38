"""Urgent routing over the real knowledge base: `tests/eval/urgent.jsonl` and the no-crossing rule.

The Done-when bar of issue 16: the first passage is the right steps for every dev message and
at least 95% of test messages, with no police<->ICE crossing in either. The test half was
written before any trigger word and is never tuned on (`python -m index eval --set urgent
--split all` prints the table).
"""

from __future__ import annotations

import pytest

from index.embedding import PackagedModelEmbedder
from index.loading import open_retriever
from index.offtopic import BOT
from index.retriever import Retriever
from index.urgent_eval import evaluate_urgent, load_urgent
from tests.conftest import REPO

URGENT = REPO / "tests" / "eval" / "urgent.jsonl"


@pytest.fixture(scope="module")
def real_retriever(
    model: PackagedModelEmbedder, tmp_path_factory: pytest.TempPathFactory
) -> Retriever:
    return open_retriever(REPO / "knowledge", tmp_path_factory.mktemp("kb-index"), embedder=model)


def test_the_set_is_big_enough_and_split() -> None:
    messages = load_urgent(URGENT)
    assert len(messages) >= 40
    for split in ("dev", "test"):
        part = [m for m in messages if m.split == split]
        assert len(part) >= 20 and {m.lang for m in part} == {"en", "es"}
        assert {"police-at-door", "ice-at-door", "stopped", "arrested"} <= {
            m.situation for m in part
        }
        assert {"friend-arrested", "phone-taken"} <= {m.situation for m in part}


@pytest.mark.slow
def test_urgent_messages_lead_with_their_steps(real_retriever: Retriever) -> None:
    results = evaluate_urgent(real_retriever, load_urgent(URGENT))
    assert results["dev"]["first_right"] == 1.0, results
    assert float(results["test"]["first_right"]) >= 0.95, results
    # Messages that also ask one thing ("... do i get a phone call"): floors just under
    # what the passage answering it, or steps that answer it too, reach (2026-12-05, eighth
    # session; two test labels gained the passages written since: finding someone, bail).
    assert float(results["dev/asks"]["first_right"]) >= 0.68, results
    assert float(results["test/asks"]["first_right"]) >= 0.72, results
    assert all(row["crossings"] == 0 for row in results.values()), results


@pytest.mark.slow
def test_an_urgent_message_asking_one_thing_leads_with_its_answer(
    real_retriever: Retriever,
) -> None:
    """The answer first and the steps second when the steps do not answer what is asked;
    the situation and its numbers stay. A plain call for help keeps the steps first."""
    answer = real_retriever.search("being arrested right now do i get a phone call")
    assert answer.situation == "arrested" and answer.hotlines
    assert [h.passage.id for h in answer.hits][:2] == [
        "arrested-at-protest#phone-call-after-arrest",
        "arrested-at-protest#right-now-arrested-protest",
    ]
    answer = real_retriever.search("im being arrested right now what do i do")
    assert answer.hits[0].passage.id == "arrested-at-protest#right-now-arrested-protest"


@pytest.mark.slow
def test_an_urgent_message_that_tells_asks_nothing_besides(real_retriever: Retriever) -> None:
    """Who is home is told, not asked: the steps lead, not the passage on children, which
    the same words lead once they ask about the children."""
    told = "la migra esta tocando la puerta ahorita q hago no tengo papeles y mis hijos estan aqui"
    assert real_retriever.urgent.besides(told) == ""
    answer = real_retriever.search(told)
    assert answer.situation == "ice-at-door"
    assert answer.hits[0].passage.id == "ice-at-door-es#right-now-ice-door"
    asked = "la migra esta tocando la puerta ahorita, se pueden llevar a mis hijos?"
    assert real_retriever.urgent.besides(asked)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    [
        "can police search my phone",
        "do i need a permit to march in nyc",
        "what happens if i get arrested at a protest",
        "can ice come into my house with an administrative warrant",
        "¿la policía puede obligarme a desbloquear mi celular?",
    ],
)
def test_general_questions_are_not_routed(real_retriever: Retriever, question: str) -> None:
    answer = real_retriever.search(question)
    assert answer.situation is None and answer.hotlines == []


@pytest.mark.slow
def test_an_urgent_message_carries_its_numbers_in_its_language(real_retriever: Retriever) -> None:
    answer = real_retriever.search(
        "se llevaron a mi hermano los policías en la marcha, a quién llamo"
    )
    assert answer.lang == "es" and answer.situation == "friend-arrested"
    assert answer.hits[0].passage.id == "legal-help-hotlines-es#hotlines-arrested"
    numbers = {h.id: h for h in real_retriever.knowledge.hotlines}
    assert answer.hotlines and all("arrested" in numbers[i].needs for i in answer.hotlines)


@pytest.mark.slow
def test_asking_for_a_lawyer_about_nothing_in_particular_leads_with_the_numbers(
    real_retriever: Retriever,
) -> None:
    """A short ask for a lawyer or a number that names no situation, which the gate alone
    declines, leads with the numbers for whoever it names (an arrest's when it names
    nobody); one about another legal problem keeps the decline with general legal help."""
    for question, first in (
        ("how do i get a lawyer", "legal-help-hotlines#hotlines-arrested"),
        ("where can i find a lawyer", "legal-help-hotlines#hotlines-arrested"),
    ):
        answer = real_retriever.search(question)
        assert answer.situation is None and not answer.abstained, (question, answer.reason)
        assert answer.hits[0].passage.id == first, (question, answer.hits[0].passage.id)
        numbers = {h.id: h for h in real_retriever.knowledge.hotlines}
        assert answer.hotlines and all("arrested" in numbers[i].needs for i in answer.hotlines)
    divorce = real_retriever.search("I need a lawyer for my divorce")
    assert divorce.abstained and divorce.decline_subject == "family"


@pytest.mark.slow
def test_asking_where_police_hold_someone_leads_with_finding_them(
    real_retriever: Retriever,
) -> None:
    """Where someone arrested is held: the passage on finding them (`finding: arrested`)
    leads, in the person's language, and the arrest numbers stay with the reply."""
    for question, first in (
        (
            "the cops arrested my son last night, where are they holding him",
            "arrested-at-protest#find-someone-arrested",
        ),
        (
            "la policía arrestó a mi hermana en la marcha, dónde la tienen",
            "arrested-at-protest-es#find-someone-arrested",
        ),
    ):
        answer = real_retriever.search(question)
        assert answer.situation == "friend-arrested", (question, answer.situation)
        assert answer.hits[0].passage.id == first, (question, answer.hits[0].passage.id)
        assert answer.hotlines


@pytest.mark.slow
def test_a_police_passage_never_leads_a_message_about_immigration_agents(
    real_retriever: Retriever,
) -> None:
    for question in (
        "ice says they have a warrant for my husband, do we have to go outside",
        "immigration agents want to search my car, do i say yes",
        # A story naming ICE, then questions that name nobody: each question is searched on
        # its own words, and the whole message still decides whose passages may lead.
        "Anoche vinieron unos agentes de ICE a mi casa y no abrí. Dejaron un papel con el "
        "nombre de mi esposo. ¿Pueden entrar con eso? ¿Es verdad que pueden tumbar la puerta?",
    ):
        answer = real_retriever.search(question)
        if answer.hits:
            first = answer.hits[0].passage.id
            sides = real_retriever.urgent.sides(first)
            assert not sides or "immigration" in sides, (question, first)


def test_a_passage_for_every_side_is_for_anyone(real_retriever: Retriever) -> None:
    """The hotlines article has steps for police and for immigration situations; its FBI
    section must still answer a message naming federal agents (once declined as a crossing)."""
    assert real_retriever.urgent.sides("legal-help-hotlines#hotline-fbi-federal-agents") == set()
    assert real_retriever.urgent.sides("ice-at-door#right-now-ice-door") == {"immigration"}
    answer = real_retriever.search("fbi agents came by about the protests, is there a hotline")
    assert [h.passage.id for h in answer.hits][:1] == [
        "legal-help-hotlines#hotline-fbi-federal-agents"
    ]
    # Federal agents have no situations, so no side: a police article's passage that fits
    # them leads (it was once moved behind the hotline as a crossing).
    answer = real_retriever.search("FBI agents want me to come in and talk, do i have to")
    assert answer.hits[0].passage.id == "stopped-by-police#police-want-to-talk"


def test_a_passage_can_say_it_is_for_both_sides(real_retriever: Retriever) -> None:
    """`who:` in the passages map overrides the side a passage inherits from its article's
    steps: the immigration-status passage answers "do I have to tell police my status?"
    instead of being moved behind police passages as a crossing (the immigrants-risks
    article's steps are for ICE stops), in both languages."""
    urgent = real_retriever.urgent
    assert urgent.sides("immigrants-risks#answer-questions-immigration-status") == set()
    assert urgent.sides("immigrants-risks-es#answer-questions-immigration-status") == set()
    assert urgent.sides("immigrants-risks#immigration-court-ice") == {"immigration"}
    for question, first in (
        (
            "do the police have to know if im undocumented, can i stay quiet about it",
            "immigrants-risks#answer-questions-immigration-status",
        ),
        (
            "si me agarra la policía en una marcha me pueden deportar",
            "immigrants-risks-es#deported-arrested-protest",
        ),
    ):
        answer = real_retriever.search(question)
        assert [h.passage.id for h in answer.hits][:1] == [first], (question, answer.hits)


@pytest.mark.parametrize(
    ("message", "steps"),
    [
        # The steps that speak for where the asker is: England's for a London arrest, the
        # home's (New York) when no place is named, whichever steps lie closer.
        ("just got arrested at a protest in london what do i do", "uk-arrest-rights#right-now"),
        (
            "theyre putting cuffs on me rn what do i do",
            "arrested-at-protest#right-now-arrested-protest",
        ),
        ("being arrested rn in jersey city help", "arrested-at-protest#right-now-arrested-protest"),
    ],
)
def test_the_steps_are_for_where_the_asker_is(
    real_retriever: Retriever, message: str, steps: str
) -> None:
    answer = real_retriever.search(message)
    assert answer.situation == "arrested"
    assert answer.hits[0].passage.id == steps


def test_an_urgent_message_asking_about_the_bot_still_leads_with_its_steps(
    real_retriever: Retriever,
) -> None:
    """Whether the bot keeps messages waits: ICE at the door comes first (index.about_bot)."""
    answer = real_retriever.search("ICE is at my door right now, do you save my messages?")
    assert answer.situation == "ice-at-door" and answer.hits
    about = real_retriever.search("do you save my messages? could ICE get what I tell you?")
    assert about.hits == [] and about.decline_subject == BOT
    # Asked as a part beside the steps, it is not followed up with another ICE passage.
    message = "ICE is at my door right now! what do i do? do you save my messages?"
    parts = real_retriever.search(message)
    assert parts.situation == "ice-at-door"
    shown = [h.passage.id for h in parts.hits]
    assert "ice-at-door#answer-questions-immigration-status" not in shown
