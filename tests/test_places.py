"""Places and the glossary: knowledge files, matched by index.places and index.glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.catalog import Catalog, load_catalog
from index.glossary import load_glossary
from index.knowledge import Knowledge, knowledge_hash, load_knowledge
from index.loading import open_retriever
from index.places import Places, load_places
from index.validation import validate_knowledge
from tests.conftest import FIXTURE_KNOWLEDGE, REPO
from tests.fakes import HashingEmbedder


def places_of(knowledge_dir: Path) -> Places:
    places, problems = load_places(knowledge_dir, load_catalog(knowledge_dir))
    assert problems == []
    return places


@pytest.mark.parametrize(
    ("question", "code", "uncovered"),
    [
        ("police at my door in Brooklyn", "NYC", None),
        ("is it legal in new york state", "US-NY", None),
        ("EU rules on face recognition", "EU", None),
        ("masks at protests in London", "UK", None),
        ("can cops search my phone in texas", "US", "Texas"),
        ("¿qué pasa en Alemania?", "EU", "Alemania"),
        ("derechos en México", None, "México"),  # named as typed
        ("CAN I FILM COPS IN TEXAS", "US", "Texas"),
        ("police at the door", None, None),
    ],
)
def test_find_place(question: str, code: str | None, uncovered: str | None) -> None:
    place = places_of(FIXTURE_KNOWLEDGE).find(question)
    assert (place.code, place.uncovered) == (code, uncovered)


def test_uncovered_place_is_left_out_of_the_encoder_text() -> None:
    places = places_of(FIXTURE_KNOWLEDGE)
    assert places.without_uncovered("can cops search my phone in texas") == (
        "can cops search my phone"
    )
    assert places.without_uncovered("police at my door in Brooklyn") == (
        "police at my door in Brooklyn"
    )
    # with its accents: the name is taken out as typed
    assert places.without_uncovered("¿qué derechos tengo en México?") == "¿qué derechos tengo?"


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("filmé a la policía… ¿es legal en México?", "México"),  # "…" folds into three dots
        ("derechos en Me\u0301xico", "Me\u0301xico"),  # an accent typed as its own mark
        ("CDMX: ¿puedo grabar a la policía?", "CDMX"),  # capitals kept
        ("CAN I FILM COPS IN MEXICO", "Mexico"),  # a shouted message: titled
        ("can i film cops in mexico", "Mexico"),
    ],
)
def test_an_uncovered_place_is_named_as_typed(question: str, named: str) -> None:
    places = places_of(REPO / "knowledge")
    assert places.find(question).uncovered == named
    assert named not in places.without_uncovered(question)


def test_georgia_is_covered_in_the_real_knowledge_base() -> None:
    """US-GA has an article, so Georgia gets its boost, not "nothing vetted for Georgia"."""
    places = places_of(REPO / "knowledge")
    for question in ("arrested by mistake in Georgia", "wrongly arrested in Atlanta"):
        place = places.find(question)
        assert (place.code, place.uncovered) == ("US-GA", None)


def test_no_files_means_no_places_and_no_glossary(tmp_path: Path) -> None:
    (tmp_path / "jurisdictions.yaml").write_text("GLOBAL: {parent: null, en: E, es: E}\n")
    places, problems = load_places(tmp_path, load_catalog_with_topics(tmp_path))
    assert problems == [] and places.find("police in texas").uncovered is None
    glossary, problems = load_glossary(tmp_path)
    assert problems == [] and glossary.encoder_text("la policía") == "la policía"


def load_catalog_with_topics(folder: Path) -> Catalog:
    (folder / "topics.yaml").write_text("categories: {}\ntopics: {}\n")
    return load_catalog(folder)


def problems(knowledge_dir: Path) -> list[str]:
    found = validate_knowledge(knowledge_dir).problems
    return [str(p).removeprefix(str(knowledge_dir) + "/") for p in found]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_an_alias_claimed_by_two_jurisdictions_is_an_error(knowledge_copy: Path) -> None:
    path = knowledge_copy / "jurisdictions.yaml"
    edit(path, "aliases: [michigan, detroit]", "aliases: [michigan, detroit, Chicago]")
    line = line_of(path, "detroit, Chicago")
    assert f"jurisdictions.yaml:{line}: alias 'chicago' claimed by US-IL" in " ".join(
        problems(knowledge_copy)
    )


def test_a_duplicate_alias_is_an_error(knowledge_copy: Path) -> None:
    path = knowledge_copy / "jurisdictions.yaml"
    edit(path, "aliases: [michigan, detroit]", "aliases: [michigan, detroit, Míchigan]")
    line = line_of(path, "detroit, Míchigan")
    assert f"jurisdictions.yaml:{line}: duplicate alias 'michigan' of US-MI" in " ".join(
        problems(knowledge_copy)
    )


def test_places_file_problems_name_their_lines(knowledge_copy: Path) -> None:
    path = knowledge_copy / "places.yaml"
    edit(path, "  EU:\n", "  TX:\n    - el paso\n  EU:\n")
    edit(path, "    - tejas\n", "    - tejas\n    - texas\n    - chicago\n")
    found = problems(knowledge_copy)
    assert f"places.yaml:{line_of(path, 'TX:')}: unknown jurisdiction code 'TX'" in " ".join(found)
    texas = [i for i, line in enumerate(path.read_text().splitlines(), 1) if "- texas" in line]
    assert any(f.startswith(f"places.yaml:{texas[1]}: duplicate place 'texas'") for f in found)
    chicago = line_of(path, "- chicago")
    assert any(
        f.startswith(f"places.yaml:{chicago}: 'chicago' is an alias of US-IL") for f in found
    )


def test_glossary_problems_name_their_lines(knowledge_copy: Path) -> None:
    path = knowledge_copy / "glossary.yaml"
    edit(path, "family:\n", "family:\n  policía: cops\n")
    edit(path, "slang:\n", "street:\n  chamba: job\nslang:\n")
    found = problems(knowledge_copy)
    assert any(
        f.startswith(f"glossary.yaml:{line_of(path, 'policía: cops')}: duplicate term 'policia'")
        for f in found
    ), found
    assert f"glossary.yaml:{line_of(path, 'street:')}: unknown tag 'street'" in " ".join(found)


def test_a_moderator_adds_a_city_and_a_slang_word_without_python(knowledge_copy: Path) -> None:
    catalog = load_catalog(knowledge_copy)
    assert places_of(knowledge_copy).find("police in Queens village").code == "NYC"
    edit(knowledge_copy / "places.yaml", "    - tejas\n", "    - tejas\n    - el paso\n")
    edit(knowledge_copy / "glossary.yaml", "slang:\n", "slang:\n  los tiras: police\n")
    places, _ = load_places(knowledge_copy, catalog)
    assert places.find("arrested in El Paso").uncovered == "El Paso"
    glossary, _ = load_glossary(knowledge_copy)
    assert glossary.gloss("llegaron los tiras") == "police"


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("places.yaml", "    - tejas\n", "    - tejas\n    - el paso\n"),
        ("glossary.yaml", "slang:\n", "slang:\n  los tiras: police\n"),
        (
            "jurisdictions.yaml",
            "aliases: [michigan, detroit]",
            "aliases: [michigan, detroit, flint]",
        ),
    ],
)
def test_editing_places_or_the_glossary_rebuilds_the_index(
    knowledge_copy: Path, tmp_path: Path, name: str, old: str, new: str
) -> None:
    """They shape the off-topic vectors and the calibration, so an edit makes the index stale."""
    embedder = HashingEmbedder()
    first = open_retriever(knowledge_copy, tmp_path / "idx", embedder=embedder)
    before = knowledge_hash(knowledge_copy)
    edit(knowledge_copy / name, old, new)
    assert knowledge_hash(knowledge_copy) != before
    second = open_retriever(knowledge_copy, tmp_path / "idx", embedder=embedder)
    assert second.version != first.version
    assert second.knowledge.hash == knowledge_hash(knowledge_copy)


def test_one_home_jurisdiction_at_most(knowledge_copy: Path) -> None:
    assert load_catalog(FIXTURE_KNOWLEDGE).home is None
    path = knowledge_copy / "jurisdictions.yaml"
    edit(path, '  es: "Estados Unidos"\n', '  es: "Estados Unidos"\n  home: true\n')
    assert load_catalog(knowledge_copy).home == "US"
    edit(path, "  parent: US\n", "  parent: US\n  home: true\n")
    assert any("more than one home" in p for p in problems(knowledge_copy))


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("can police make me take my mask off at a protest in Manchester", "UK"),
        ("arrested by the Met at Parliament Square", "UK"),
        ("marcha en Cardiff, País de Gales", "UK"),
        # A city name the US shares stays out of the UK.
        ("protest in Birmingham this weekend", None),
    ],
)
def test_the_real_knowledge_places_england_s_cities_in_the_uk(
    question: str, code: str | None
) -> None:
    assert places_of(REPO / "knowledge").find(question).code == code


@pytest.fixture(scope="module")
def real_knowledge() -> Knowledge:
    return load_knowledge(REPO / "knowledge")


@pytest.mark.parametrize(
    ("passage", "place", "speaks"),
    [
        # Its own `jurisdictions:` (New York City) count, not its nationwide article's.
        ("immigrants-risks#nypd-tell-ice", "NYC", True),
        ("immigrants-risks#nypd-tell-ice", "US-CA", False),
        # Without its own, a passage speaks where its article does.
        ("immigrants-risks#ice-use-face-recognition", "US-CA", True),
        ("uk-arrest-rights#right-now", "NYC", False),
    ],
)
def test_a_passage_speaks_for_the_places_its_own_jurisdictions_name(
    real_knowledge: Knowledge, passage: str, place: str, speaks: bool
) -> None:
    knowledge = real_knowledge
    found = next(p for p in knowledge.passages if p.id == passage)
    assert knowledge.speaks_for(found, place) is speaks
