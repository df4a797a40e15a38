"""Urgent situations: reading a message (index.situations) and validating situations.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.knowledge import knowledge_hash, load_knowledge
from index.phrases import contains, normal, phrase_pattern
from index.situations import Situations, load_situations
from index.validation import validate_knowledge
from tests.conftest import FIXTURE_KNOWLEDGE, REPO


@pytest.fixture(scope="module")
def real() -> Situations:
    loaded, problems = load_situations(REPO / "knowledge")
    assert problems == []
    return loaded.situations


@pytest.mark.parametrize(
    ("message", "situation"),
    [
        ("the police are pounding on my door right now, what do i do", "police-at-door"),
        ("ICE agents at my door now, my dad is inside", "ice-at-door"),
        ("la policía está golpeando la puerta ahorita", "police-at-door"),
        ("agentes de inmigración tocando en mi puerta", "ice-at-door"),
        ("officers just stopped me on my way to work", "stopped"),
        ("i'm being arrested outside city hall", "arrested"),
        ("my cousin got picked up by cops at the vigil, who do i call", "friend-arrested"),
        ("se llevaron a mi tía los de la migra, a quién llamo", "ice-detained"),
        ("a cop just grabbed my phone and wants me to unlock it", "phone-taken"),
        ("two officers barged in and are searching my apartment right now", "police-inside"),
        ("la migra ya se metió a la casa ahorita", "ice-inside"),
        ("ICE agents are waiting outside the warehouse right now", "ice-at-work"),
        ("ICE is knocking at my door now, my husband is at work", "ice-at-door"),
        # Agents inside the building, not yet at the door, are there now.
        ("two ICE agents are in the lobby asking the super about my neighbor", "ice-at-door"),
        ("cops are downstairs in my building asking for me", "police-at-door"),
        ("they got my uncle just now outside the laundromat", "friend-arrested"),
        ("se estan llevando a mi tio ahorita, dicen que son de inmigracion", "ice-detained"),
        ("im in the back of a cop car they arrested me what do i say", "arrested"),
        ("they took my brother yesterday and now ICE is at my door", "ice-at-door"),
        ("they arrested my brother last night, who do i call", "friend-arrested"),
        ("im 16 and the cops r arresting me rn", "minor-arrested"),
        ("my 15 yr old son just got arrested by cops at the walkout", "friend-arrested"),
        ("cops took my sister an hour ago how do i find where shes being held", "friend-arrested"),
        ("theyre putting cuffs on me rn", "arrested"),
        ("police arresting my 15yo right now", "friend-arrested"),
        ("estan arrestando a mi hermano ahorita", "friend-arrested"),
        # The writer is the one being arrested (`none: [arrest-me]`), whoever they name.
        ("im being arrested right now can i call my mom", "arrested"),
        ("me estan arrestando ahorita, puedo llamar a mi mama?", "arrested"),
        ("ICE esta en mi work ahorita what do i do", "ice-at-work"),
        # Phrases that name the officer: "has my phone" alone would fit a mother too.
        ("cop has my phone right now, can he look through it", "phone-taken"),
        ("cop is asking me right now where im going", "stopped"),
        # A driver pulled over gets the car-stop steps, not the street-stop ones.
        ("cops pulled me over rn and want my license", "stopped-driving"),
        # A plain call for help says it is happening now too (`plain:`, no `conditional:`).
        ("migra en el edificio!! q hago", "ice-at-door"),
        ("cops stopped me on the street what do i do", "stopped"),
        # "si" and "if" elsewhere are "yes" or "whether", not a condition.
        ("sí, la migra en el edificio, q hago", "ice-at-door"),
        ("ice in my building idk if i should open the door what do i do", "ice-at-door"),
        ("me paro la policia en el carro y me piden los papeles", "stopped-driving"),
        # The past belongs to its own sentence: the door is now.
        ("la migra esta afuera, no quiero abrir?? y me arrestaron el año pasado", "ice-at-door"),
        # Said in the present tense, without "now": it is happening as they type.
        ("officer is telling me to unlock my cell or he takes it", "phone-taken"),
        ("los polis quieren entrar a la casa", "police-at-door"),
        # Wanting in is not being in: the door steps, not the "they came in" ones.
        ("two cops are trying to get in my apartment", "police-at-door"),
        ("agentes de ice tratando de entrar en mi casa", "ice-at-door"),
        ("la policía está en mi casa buscando a mi hermano", "police-inside"),
        # In the building is not in the home: "in my apartment building" holds "in my apartment".
        ("ice agents are in the lobby of my apartment building right now", "ice-at-door"),
        ("la migra está en el pasillo de mi edificio ahorita", "ice-at-door"),
        ("la migra está tocando el timbre ahorita", "ice-at-door"),
        ("cops stormed in and are searching everything right now", "police-inside"),
        ("a cop is trying to grab my phone rn", "phone-taken"),
        ("me están quitando el celular ahorita", "phone-taken"),
        # Handcuffed: a friend in the patrol car now, or the writer, whoever they name.
        ("mi prima está esposada en la patrulla y me escribió, qué le digo", "friend-arrested"),
        ("estoy esposado en la patrulla, le aviso a mi mamá?", "arrested"),
        # Torn from the hand, kept: a phone being taken, in the words people use.
        ("un policía me arrancó el cel y no me lo quiere devolver, q hago", "phone-taken"),
        # Dragged into a van: taken, whatever the verb.
        (
            "cops just dragged my friend into a police van, she needs her inhaler, what do i do",
            "friend-arrested",
        ),
        # Held or at the door now, whatever the charge already named.
        ("estoy detenido, me acusaron de resistir, que hago", "arrested"),
        (
            "police are at my door, they say i got charged with assault, what do i do",
            "police-at-door",
        ),
    ],
)
def test_a_message_about_now_reads_as_its_situation(
    real: Situations, message: str, situation: str
) -> None:
    reading = real.read(message)
    assert reading.situation is not None and reading.situation.id == situation


@pytest.mark.parametrize(
    "message",
    [
        "can police search my phone",
        "do i have to open the door if the police knock",
        "what happens if i get arrested at a protest",
        "my cousin got arrested at a protest last year, will she have a record",
        "can ice come into my house without a warrant",
        "¿la policía puede revisar mi celular sin orden?",
        # Told after the fact, or asking whether it was legal: a story to read, not steps.
        "a cop held my phone up to my face while i was zip tied and it opened, can they do that",
        "ayer los cops me pararon y me hicieron desbloquear el phone con mi cara",
        "desde que me arrestaron en la marcha mi jefe no me habla, que hago",
        "a detective left a card at my door asking me to call him, do i have to",
        "i got charged with resisting when the cop grabbed me at the march, will i get convicted",
        # What might happen, said in a sentence opening on it.
        "y si ya me arrestaron y borro algo del cel?",
        "what if im being arrested and they ask for my phone",
        # A thief, not police; "the van" alone is anyone's van.
        "un ratero me arrancó el cel afuera del metro, qué hago",
        "cops are outside the rally, my friend is getting into the van, what do i do",
        "the other day cops stopped me outside the subway, they let me go but do i need id",
        "cuando me arrestaron me dieron un desk appearance ticket, que significa?",
        # A court date or a ticket means the arrest is over: its questions are about after.
        "me arrestaron en la marcha y me dieron una fecha de corte, tengo que ir?",
        "cops arrested me at the march and gave me a court date, do i have to go",
        "my mom has my phone right now and wont give it back",
        # A police van parked outside a station is not an arrest.
        "a police van with cameras is parked outside the station right now, is that legal",
        # "walked in" names nobody who could be police.
        "i walked in to a store with a face scanning sign, are they allowed to do that right now",
        # ... unless it asks about what might happen.
        "what do i do if cops stop me on the street",
        "si me para la poli en la calle y me quiere revisar el celular q hago",
        "hypothetically ice knocks on my door what do i do",
    ],
)
def test_general_questions_and_stories_that_are_over_are_not_urgent(
    real: Situations, message: str
) -> None:
    assert real.read(message).situation is None


@pytest.mark.parametrize(
    ("message", "besides"),
    [
        ("being arrested right now do i get a phone call", "do i get a phone call"),
        ("la migra está en mi puerta ahorita, ¿tengo que abrir?", "esta tengo que abrir"),
        # The longest phrase goes first: "me estan arrestando" whole, not "me estan" alone;
        # a plain call for help goes too (the steps answer it).
        ("me estan arrestando ahorita, que hago", ""),
        ("police knocking at my door right now what do i do", ""),
        ("cops at my door rn what do i do, can they come in", "can they come in"),
    ],
)
def test_what_an_urgent_message_asks_besides_its_situation(
    real: Situations, message: str, besides: str
) -> None:
    """What is left once who, now and the situation's phrases are taken out (index.urgent
    compares it with the steps and with the search's best passage)."""
    reading = real.read(message)
    assert reading.situation is not None
    assert real.besides(message, reading.situation) == besides


def test_immigration_agents_never_read_as_a_police_situation(real: Situations) -> None:
    # Both named: the immigration steps are safe with police too, not the other way round.
    reading = real.read("la migra y la policía están en mi puerta ahora mismo")
    assert reading.who == "immigration"
    assert reading.situation is not None and reading.situation.id == "ice-at-door"
    # Naming immigration agents rules out every police situation, even an unnamed-ok one.
    reading = real.read("ice just stopped me on the street right now")
    assert reading.situation is not None and reading.situation.id == "ice-stopped"
    # Agents who say they are "police" but hold an ICE form are immigration agents.
    reading = real.read("men saying they are police are knocking now with an I-205 form")
    assert reading.who == "immigration"
    assert reading.situation is not None and reading.situation.id == "ice-at-door"


def test_asking_for_a_number_is_noticed(real: Situations) -> None:
    assert real.read("my brother got arrested at the march, who do i call").calls
    assert not real.read("police are at my door right now").calls


def test_a_bare_call_for_help_says_nothing_else(real: Situations) -> None:
    """A call for help with nothing besides it names no problem of its own; one that says what
    the lawyer is for does (index.urgent keeps a decline with its own numbers for it)."""
    for message in ("i need a lawyer asap", "Need lawyer now!!", "necesito un abogado ya"):
        assert real.read(message).bare, message
    for message in ("i need a lawyer for my divorce", "necesito un abogado para mi divorcio"):
        reading = real.read(message)
        assert reading.calls and not reading.bare, message
    assert not real.read("what are my rights").bare  # no call at all


def test_asking_where_someone_is_held_finds_and_calls(real: Situations) -> None:
    """Where someone taken is held: a call for help (the numbers) and, where the base has
    one, the passage on finding them (`finding:`) leads."""
    reading = real.read("ICE took my dad this morning, how do i find where they took him")
    assert reading.finds and reading.calls
    assert reading.situation is not None and reading.situation.id == "ice-detained"
    assert real.finding["immigration"] == "legal-help-hotlines#find-person-ice-detained"
    assert real.finding["arrested"] == "arrested-at-protest#find-someone-arrested"
    assert not real.read("my brother got arrested at the march, who do i call").finds
    # Asked in the present tense, and in Spanish as "how do I know where he is".
    assert real.read("cops arrested my roommate, where are they taking her").finds
    reading = real.read("la migra detuvo a mi tio el lunes, como puedo saber donde esta")
    assert reading.finds
    assert reading.situation is not None and reading.situation.id == "ice-detained"
    # "How do I go about finding him", as people write it ("pa" for "para").
    reading = real.read("se llevaron a mi esposo los de inmigracion, como hago pa encontrarlo")
    assert reading.finds and reading.situation is not None


def test_a_long_story_is_not_an_urgent_message(real: Situations) -> None:
    story = "so last week " + "we walked and talked and nothing happened " * 8
    assert real.read(story + " and now police are at my door").situation is None
    assert real.read("now police are at my door").situation is not None


def test_a_story_that_asks_where_someone_is_held_finds_them(real: Situations) -> None:
    """Where someone taken is held asks for one passage, however long the story before it."""
    story = "so last week " + "we walked and talked and nothing happened " * 8
    reading = real.read(story + " then cops arrested my brother, where did they take him?")
    assert reading.finds
    assert reading.situation is not None and reading.situation.id == "friend-arrested"
    # Asking only who to call, after a story, is left to the search.
    assert real.read(story + " then cops arrested my brother, who do i call").situation is None


# -- validation ----------------------------------------------------------------------------

GOOD = """\
who:
  immigration: {en: [ice], es: [la migra]}
  police: {en: [cops, police], es: [policia]}
now: {en: [right now], es: [ahora]}
call: {en: [who do i call], es: [a quien llamo]}
numbers: {}
phrases:
  door: {en: [door], es: [puerta]}
situations:
  police-at-door:
    who: police
    all: [door]
    needs: [arrested]
"""

TAG = """\
passages:
  open-door:
    kind: steps
    situations: [police-at-door]
"""


def setup(knowledge: Path, situations: str = GOOD, tag: str = TAG) -> None:
    (knowledge / "situations.yaml").write_text(situations, encoding="utf-8")
    article = knowledge / "articles" / "en" / "police-at-door.md"
    text = (FIXTURE_KNOWLEDGE / "articles" / "en" / "police-at-door.md").read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    article.write_text(f"{head}\n{tag}---\n{body}", encoding="utf-8")


def problems(knowledge: Path) -> list[str]:
    return [str(p).removeprefix(str(knowledge) + "/") for p in validate_knowledge(knowledge).errors]


def test_a_valid_file_loads_into_the_knowledge(knowledge_copy: Path) -> None:
    setup(knowledge_copy)
    assert problems(knowledge_copy) == []
    loaded = load_knowledge(knowledge_copy)
    assert list(loaded.situations.situations) == ["police-at-door"]
    reading = loaded.situations.read("cops at my door right now")
    assert reading.situation is not None and reading.situation.id == "police-at-door"


def test_situations_problems_are_reported_with_their_lines(knowledge_copy: Path) -> None:
    bad = (
        GOOD.replace("numbers: {}", "numbers: {arrested: police-at-door#nowhere}\nsirens: [loud]")
        .replace("door: {en: [door], es: [puerta]}", "door: {en: [door, Door], es: [puerta]}")
        .replace("    who: police", "    who: firefighters")
        .replace("    all: [door]", "    all: [door, window]")
        .replace("    needs: [arrested]", "    needs: [pizza]\n    colour: blue")
    )
    setup(knowledge_copy, situations=bad)
    found = problems(knowledge_copy)
    assert (
        "situations.yaml:6: numbers.arrested: passage 'police-at-door#nowhere' not found" in found
    )
    assert any(f.startswith("situations.yaml:7: unknown key 'sirens'") for f in found), found
    assert "situations.yaml:9: 'phrases.door': duplicate phrase 'door' (also line 9)" in found
    assert "situations.yaml:15: unknown field 'colour'" in found
    setup_without_colour = bad.replace("\n    colour: blue", "")
    setup(knowledge_copy, situations=setup_without_colour, tag="")
    found = problems(knowledge_copy)
    assert any(
        f.startswith("situations.yaml:12: situation 'police-at-door': unknown who") for f in found
    )
    assert any(
        "unknown phrase list 'window'" in f and f.startswith("situations.yaml:13:") for f in found
    )
    assert any("unknown need 'pizza'" in f and f.startswith("situations.yaml:14:") for f in found)


def test_a_told_phrase_must_be_a_now_phrase(knowledge_copy: Path) -> None:
    told = GOOD.replace("numbers: {}", "told: {en: [right now, arrested me], es: []}\nnumbers: {}")
    setup(knowledge_copy, situations=told)
    found = problems(knowledge_copy)
    assert any("told: 'arrested me' is not one of the now: phrases" in f for f in found), found
    assert not any("'right now'" in f for f in found)


def test_a_situation_ruled_out_by_a_phrase_list(knowledge_copy: Path) -> None:
    """`none:` names phrase lists that rule a situation out; an unknown one is an error."""
    ruled = GOOD.replace(
        "  door: {en: [door], es: [puerta]}",
        "  door: {en: [door], es: [puerta]}\n  inside: {en: [inside], es: [adentro]}",
    ).replace("    all: [door]", "    all: [door]\n    none: [inside]")
    setup(knowledge_copy, situations=ruled)
    assert problems(knowledge_copy) == []
    loaded = load_knowledge(knowledge_copy).situations
    assert loaded.read("cops at my door right now").situation is not None
    assert loaded.read("cops at my door right now, my kid is inside").situation is None
    setup(knowledge_copy, situations=ruled.replace("none: [inside]", "none: [attic]"))
    assert any("unknown phrase list 'attic'" in f for f in problems(knowledge_copy))
    setup(knowledge_copy, situations=ruled.replace("none: [inside]", "none: [door]"))
    assert any("under both all: and none:" in f for f in problems(knowledge_copy))


def test_a_finding_passage_must_exist(knowledge_copy: Path) -> None:
    setup(knowledge_copy, situations=GOOD + "finding: {arrested: police-at-door#elsewhere}\n")
    found = problems(knowledge_copy)
    assert any("finding.arrested: passage 'police-at-door#elsewhere' not found" in f for f in found)


def test_a_passage_tagged_with_an_unknown_situation_is_an_error(knowledge_copy: Path) -> None:
    setup(knowledge_copy, tag=TAG.replace("[police-at-door]", "[police-at-door, alien-landing]"))
    found = problems(knowledge_copy)
    assert any(
        f.startswith("articles/en/police-at-door.md:")
        and "unknown situation 'alien-landing' (see situations.yaml)" in f
        for f in found
    ), found
    line = next(f for f in found if "alien-landing" in f).split(":")[1]
    text = (knowledge_copy / "articles" / "en" / "police-at-door.md").read_text().splitlines()
    assert text[int(line) - 1].strip().startswith("situations:")


def test_a_passage_s_who_must_name_groups_of_situations(knowledge_copy: Path) -> None:
    setup(knowledge_copy, tag=TAG + "    who: [police, immigration]\n")
    assert problems(knowledge_copy) == []
    setup(knowledge_copy, tag=TAG + "    who: [police, aliens]\n")
    found = problems(knowledge_copy)
    assert any(
        f.startswith("articles/en/police-at-door.md:")
        and "passages.open-door: unknown who 'aliens' (see who: in situations.yaml)" in f
        for f in found
    ), found


def test_situations_are_only_for_steps_and_each_needs_one(knowledge_copy: Path) -> None:
    setup(knowledge_copy, tag=TAG.replace("kind: steps", "kind: info"))
    found = problems(knowledge_copy)
    assert any("situations are for 'kind: steps' passages only" in f for f in found), found
    setup(knowledge_copy, tag="")
    found = problems(knowledge_copy)
    msg = "situations.yaml:10: situation 'police-at-door' has no passage tagged with it"
    assert any(f.startswith(msg) for f in found), found


def test_editing_situations_changes_the_knowledge_hash(knowledge_copy: Path) -> None:
    setup(knowledge_copy)
    before = knowledge_hash(knowledge_copy)
    path = knowledge_copy / "situations.yaml"
    path.write_text(path.read_text().replace("[door]", "[door, doorbell]"), encoding="utf-8")
    assert knowledge_hash(knowledge_copy) != before


@pytest.mark.parametrize(
    ("message", "situation"),
    [
        ("la migra afuera!!", "ice-at-door"),
        ("la migra!! q hago", "ice-at-door"),  # a plain call for help is no more than help
        ("cops outside rn help", "police-at-door"),
        # A phrase of another situation still decides; a call for numbers is not bare.
        ("ice outside my job rn", "ice-at-work"),
        ("need an immigration lawyer asap", None),
    ],
)
def test_a_message_that_only_says_who_is_there_now_is_at_the_door(
    real: Situations, message: str, situation: str | None
) -> None:
    found = real.read(message).situation
    assert (found.id if found else None) == situation


@pytest.mark.parametrize(
    ("message", "situation"),
    [
        # A store turning someone away at its door is not a police stop (`none: [turned-away]`).
        ("me pararon en la puerta del super y no me dejaron entrar, el sistema me marcó", None),
        ("security guard stopped me at the door rn and wouldnt let me in", None),
        # Police who stop someone are still a stop, at a store or not.
        ("cops just stopped me outside the store", "stopped"),
    ],
)
def test_being_turned_away_at_a_door_is_not_a_stop(
    real: Situations, message: str, situation: str | None
) -> None:
    found = real.read(message).situation
    assert (found.id if found else None) == situation


@pytest.mark.parametrize(
    ("message", "situation"),
    [
        # A phone call from a cell, or sitting in one, is an arrest, not a phone being taken
        # (`none: [not-a-phone]`); a phone in an officer's hand still is.
        ("they're taking me in, do i get a phone call", "arrested"),
        ("im in a holding cell", "arrested"),
        ("estoy en una celda, me dejan hacer una llamada?", "arrested"),
        ("the cop is holding my phone rn", "phone-taken"),
        # On the way to work is a stop on the road, not a raid at work (`none: [commute]`).
        ("la migra me paró cuando iba al trabajo", "ice-stopped"),
        ("ICE pulled me over on my way to work rn", "ice-stopped"),
        ("la migra está ahorita en mi trabajo", "ice-at-work"),
        # Agents who have just taken a relative outside the home: the detained steps, which also
        # say to keep the door closed (`none: [took-someone]`); agents at the door still get
        # the door, and so does a taking told as past.
        ("ICE just took my dad outside my house", "ice-detained"),
        ("la migra se acaba de llevar a mi esposo afuera de la casa", "ice-detained"),
        ("ICE is outside my house right now asking for my dad", "ice-at-door"),
        ("they took my brother yesterday and now ICE is at my door", "ice-at-door"),
        # A courthouse hallway is not a home's door (`none: [court]`); a court date is no place.
        ("ICE agents in the hallway right outside the courtroom, my hearing is in 15 min", None),
        ("la migra está en el pasillo afuera de la corte ahorita", None),
        ("ICE is at my door right now and i have court next week", "ice-at-door"),
        # "si fuera" is "if it were", not "outside".
        ("si fuera la migra que hago", None),
        # The writer in their own room or home is not agents inside it.
        (
            "Police are knocking, they say they have a warrant for my roommate. I'm in my room, "
            "do I have to open?",
            "police-at-door",
        ),
        ("im in my apartment and ice is banging on the door", "ice-at-door"),
        ("estoy dentro de mi casa y la migra está afuera, que hago", "ice-at-door"),
        ("cops are in my room searching everything right now", "police-inside"),
        ("la migra está adentro de mi casa ahorita", "ice-inside"),
        # Any home's building is a door.
        ("ICE is outside my aunt's building rn, what should she do", "ice-at-door"),
        # An arrest told in a sentence placed in the past is over, whatever "now" says later;
        # being held now, or asking where someone taken is, still routes.
        (
            "hace 3 años me arrestaron en una marcha. ahora voy a pedir la ciudadanía, "
            "tengo que decirlo?",
            None,
        ),
        ("they arrested me two years ago. now i'm applying for a job, will it show up", None),
        ("they arrested me yesterday. im in jail now what do i do", "arrested"),
        ("my friend got arrested at the march. help!!", "friend-arrested"),
        ("my son was arrested yesterday at the march, where did they take him", "friend-arrested"),
        # A story over and done: its "me arrestaron" tells what happened ("told:").
        (
            "me arrestaron por error porque dijeron que mi cara salio en un video. estuve 2 "
            "dias en central booking y el fiscal retiro los cargos. puedo demandar?",
            None,
        ),
        ("ayer vino la policia. estan tocando la puerta", "police-at-door"),
        ("me arrestaron ayer. estoy en la carcel, que hago", "arrested"),
        ("me arrestaron en la marcha. que hago", "arrested"),
        # Agents inside a home, however tersely said; a car, a shop or a workplace is not a
        # home, and "building" or "departamento" alone is no door (review of round 39).
        ("cops in my house rn", "police-inside"),
        ("hay policías dentro de mi casa ahorita", "police-inside"),
        ("cops stopped me, they are in my car searching it right now", "stopped-driving"),
        ("ICE agents are inside the restaurant right now", "ice-at-work"),
        ("ICE is in the building where i work right now", "ice-at-work"),
        ("un oficial del departamento de policía me está pidiendo papeles ahorita", "stopped"),
        ("mis hijos están en la casa y la migra está tocando la puerta", "ice-at-door"),
        # Recent past told first, then now: still happening.
        ("cops knocked on my door yesterday. they're outside right now!!", "police-at-door"),
        ("la migra vino hace dos dias y hoy estan tocando la puerta", "ice-at-door"),
        (
            "they arrested me 3 hours ago. they're asking me questions right now, do i have to "
            "answer?",
            "arrested",
        ),
        # Police asking for a doorbell camera's video are not at the door now.
        ("my abuela has a doorbell cam and the 12 keep asking for her videos, what do we do", None),
    ],
)
def test_what_rules_a_situation_out(real: Situations, message: str, situation: str | None) -> None:
    found = real.read(message).situation
    assert (found.id if found else None) == situation


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("hace 3 años me arrestaron", True),
        ("hace dos años", True),
        ("hace un par de años", True),
        ("a couple hours ago", True),
        ("hace años", False),  # a phrase of its own where wanted, not the number's
        ("hace 3 dias", False),
    ],
)
def test_a_number_sign_in_a_phrase_stands_for_a_number(text: str, found: bool) -> None:
    rx = phrase_pattern(["hace # anos", "# hours ago"], numbers=True)
    assert contains(rx, normal(text)) is found
