"""Spelling correction (index.spelling), the glossary for every question, and eval misspellings."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from index.evaluation import Question
from index.glossary import Glossary
from index.knowledge import Knowledge, load_knowledge
from index.places import Places
from index.questions import read_question
from index.spelling import MAX_LOOKUPS, Speller, general_lexicon, knowledge_speller
from index.typos import misspell, misspelt
from tests.conftest import REPO


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return load_knowledge(REPO / "knowledge")


def test_known_words_are_never_changed(knowledge: Knowledge) -> None:
    speller = knowledge.speller
    for text, lang in [
        ("cops outside my apt saying they have a warrant shld i open??", "en"),
        ("mi tio got stopped por la migra", "es"),
        ("mi tio got stopped por la migra", "en"),
        ("does the nypd have a face recognition unit", "en"),
    ]:
        assert speller.correct(text, lang) == text
    # A general dictionary alone would change it: the knowledge base knows it (its glossary).
    assert "shld" not in general_lexicon("en").words
    # Everyday words the small dictionaries lacked ("estamos" became "estados").
    everyday = "estamos con miedo, eres mi tío"
    assert speller.correct(everyday, "es") == everyday
    assert speller.correct("the labor union guy had a mustache", "en").endswith("a mustache")
    assert {"shld", "migra", "nypd"} <= speller.known


def test_misspelt_words_become_the_knowledge_bases_words(knowledge: Knowledge) -> None:
    speller = knowledge.speller
    assert speller.correct("facail recogntion", "en") == "facial recognition"
    assert speller.correct("leave my phonne at home", "en") == "leave my phone at home"
    assert speller.correct("the ozficer's badge", "en") == "the officer's badge"
    assert (
        speller.correct("¿me pueden quitar el telefomo?", "es") == "¿me pueden quitar el telefono?"
    )


def test_a_cut_off_word_is_no_inflection(knowledge: Knowledge) -> None:
    # "faec" is the stem of "faeces" and "polic" of "police": neither is a word, so both are
    # corrected, while an inflection ("moms", "rompen") is left alone (below).
    speller = knowledge.speller
    assert speller.correct("held my phone to my faec", "en") == "held my phone to my face"
    assert speller.correct("the polic took it", "en") == "the police took it"


def test_a_misspelt_acronym_becomes_the_bases_acronym(knowledge: Knowledge) -> None:
    speller = knowledge.speller
    assert speller.correct("does BIPZA protect me", "en") == "does BIPA protect me"
    assert speller.correct("que es el EXFI", "es") == "que es el EXIF"
    # A real acronym stays, even one edit from one of the base's ("DACA").
    assert speller.correct("is that a DMCA takedown", "en") == "is that a DMCA takedown"


def test_a_word_inflected_like_a_known_one_is_still_a_typo_of_the_bases(
    knowledge: Knowledge,
) -> None:
    # The stemmer reads "facila" as "fácil" inflected and "fraes" as a form of "fra":
    # one edit from the base's "facial" and "frase" (and "frases"), they are those words
    # misspelt; which of the two one-edit words wins follows how often the base uses each.
    speller = knowledge.speller
    assert speller.correct("reconocimiento facila", "es") == "reconocimiento facial"
    assert speller.correct("que fraes tengo que decir", "es") in {
        "que frase tengo que decir",
        "que frases tengo que decir",
    }


def test_two_swapped_letters_are_the_likeliest_typo(knowledge: Knowledge) -> None:
    # "alst" is one substitution from "also" (same first letter, more common) and one swap
    # from "last"; "awnt" is no "n't" contraction of "aw", and a swap of "want" before a
    # substitution into "aunt".
    speller = knowledge.speller
    assert speller.correct("they kept my phone alst night", "en") == "they kept my phone last night"
    assert (
        speller.correct("they awnt me to sign something", "en") == "they want me to sign something"
    )
    assert speller.correct("i wasnt there and they havent called", "en") == (
        "i wasnt there and they havent called"
    )


def test_names_contractions_and_inflections_stay_as_typed(knowledge: Knowledge) -> None:
    speller = knowledge.speller
    for text, lang in [
        ("my friend Jamla got arrested", "en"),  # a name inside a sentence
        ("he doesnt have to answer", "en"),  # "doesn't" without its apostrophe
        ("when theyre not looking", "en"),
        ("los agentes rompen la puerta", "es"),  # an inflection the dictionary lacks
        ("stopped by ICE, my ITIN was asked", "en"),  # capitals inside: an acronym
    ]:
        assert speller.correct(text, lang) == text


def test_glossary_applies_whatever_the_language() -> None:
    knowledge = load_knowledge(REPO / "knowledge")
    text = "mi tio got stopped por la migra… does he have to tell them where hes from"
    read = read_question(text, "en", knowledge.places, knowledge.glossary, knowledge.speller)
    assert "ICE immigration agents" in read.encoded
    # An English question's words are not repeated as their own gloss.
    assert knowledge.glossary.gloss("is it legal to post a video") == ""


def test_a_long_message_carries_its_gloss_first() -> None:
    """The encoder reads only a message's first 128 word pieces: a long story's gloss, appended
    at the end, was cut off, and Spanish stories about la migra lost their English words."""
    glossary = load_knowledge(REPO / "knowledge").glossary
    short = "la migra está en mi puerta"
    assert glossary.encoder_text(short).startswith(short)
    story = "les cuento que " * 25 + "la migra está en mi puerta"
    encoded = glossary.encoder_text(story)
    assert encoded.startswith("(") and "ICE" in encoded.split(")")[0] and encoded.endswith(story)


def test_small_vocabulary_prefers_its_own_words_and_bounds_lookups() -> None:
    speller = Speller({"en": Counter({"clearview": 3, "stingray": 2})}, Counter({"migra": 1}))
    assert speller.correct("does nypd use clearveiw", "en") == "does nypd use clearview"
    assert speller.correct("is that a stingrey", "en") == "is that a stingray"
    assert speller.correct("la migrra", "es") == "la migra"
    # Spanish corrections stay among Spanish and shared words.
    assert speller.correct("un clearveiw", "es") == "un clearveiw"
    many = " ".join(["stingrey"] * (MAX_LOOKUPS + 3))
    assert speller.correct(many, "en").split().count("stingray") == MAX_LOOKUPS


def test_the_rest_of_the_question_decides_between_corrections_one_edit_away() -> None:
    """ "lrights" is one edit from "lights" and from "rights", "otos" from "otros" and "fotos":
    the question's other words pick the one the base often writes beside them (Company)."""
    often = 10
    passages = [
        *[("en", "You do not give away your rights by talking.")] * often,
        ("en", "Turn on the lights inside the car."),
        *[("es", "Las fotos guardan la ubicación; bórrela antes de subirlas.")] * often,
        *[("es", "Hable con otros manifestantes.")] * often,
    ]
    speller = knowledge_speller(passages, [], Glossary({}), Places({}, {}))
    assert speller.correct("did i just give away my lrights", "en").endswith("my rights")
    # Without company the first letter decides, as it did before.
    assert speller.correct("lrights", "en") == "lights"
    fotos = "las otos guardan la ubicación?"
    assert speller.correct(fotos, "es") == "las fotos guardan la ubicación?"
    assert speller.correct("hablo con otos manifestantes", "es") == "hablo con otros manifestantes"


def _edit_distance_one(a: str, b: str) -> bool:
    """One insert, delete, substitution or swap of adjacent letters."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swap = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swap and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def test_misspellings_are_reproducible_and_one_edit_in_two_words() -> None:
    text = "should i just leave my phone at home for the march tomorrow"
    first = misspell(text, random.Random("7:x"))
    assert first == misspell(text, random.Random("7:x"))
    changed = [(a, b) for a, b in zip(text.split(), first.split(), strict=True) if a != b]
    assert len(changed) == 2
    assert all(len(a) >= 4 and _edit_distance_one(a, b) for a, b in changed)
    q = Question("x", "dev", "en", "answerable", text, ("fr-basics",))
    assert misspelt([q], 7)[0].question == first
    assert misspelt([q], 8)[0].question != first


def test_a_contraction_joins_only_words_that_contract(knowledge: Knowledge) -> None:
    """ "hes" and "whats" are contractions typed without the apostrophe; "coss" is no "cos"
    with an "'s" but "cops" misspelt, a word the base's asked-as keys use (a common word of a
    key is kept even when it is one edit from a passage's word: "cops" and "copy")."""
    speller = knowledge.speller
    assert speller.correct("whats my rights if hes arrested", "en") == (
        "whats my rights if hes arrested"
    )
    assert speller.correct("can coss go through my phone", "en") == ("can cops go through my phone")


def test_rare_real_words_stay_and_rare_typos_of_common_words_are_fixed(
    knowledge: Knowledge,
) -> None:
    """A rare word is kept unless a word RARE_RATIO times as common is one edit away."""
    speller = knowledge.speller
    for text, lang in [
        ("can i tamper with a breathalyzer", "en"),  # not "temper"
        ("he tried to gouge me", "en"),  # not "rouge"
        ("traía un rastreador", "es"),  # not "rastrear"
        ("llegaron en una troca blanca", "es"),  # slang the glossary knows, not "toca"
        ("enséñame a borrar los metadatos, consíguemelo", "es"),  # pronouns attached
    ]:
        assert speller.correct(text, lang) == text
    assert speller.correct("nesesito un abogado", "es") == "necesito un abogado"
    assert speller.correct("he stoped me", "en") == "he stopped me"  # a common misspelling
