"""Every kind of knowledge-file problem is reported with its path and line."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from index.validation import validate_knowledge

ARTICLE = """---
id: {id}
title: "Sample"
lang: en
jurisdictions: [US]
topics: [police-at-door]
summary: "A sample."
sources:
  - title: "Example"
    url: "https://www.aclu.org/know-your-rights"
    accessed: 2026-11-01
reviewed_by: kyr-editors
reviewed_on: {reviewed}
status: vetted
---

## A heading {{#a-heading}}

Some words here for the body of the section.
"""


def write(knowledge: Path, name: str, text: str, lang: str = "en") -> Path:
    path = knowledge / "articles" / lang / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sample(article_id: str = "sample", reviewed: str = "2026-11-01") -> str:
    return ARTICLE.format(id=article_id, reviewed=reviewed)


def messages(knowledge: Path, name: str) -> list[str]:
    report = validate_knowledge(knowledge, today=date(2026, 11, 26))
    return [f"{p.line}: {p.message}" for p in report.problems if Path(p.path).stem == name]


def test_fixture_knowledge_is_clean(knowledge_copy: Path) -> None:
    report = validate_knowledge(knowledge_copy, today=date(2026, 11, 26))
    assert report.problems == []
    assert len(report.articles) == 5


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('title: "Sample"', "title: Sample: oops", "3: bad YAML in front matter"),
        ('summary: "A sample."\n', "", "1: missing field 'summary'"),
        ("status: vetted", "status: vetted\ncolour: blue", "15: unknown field 'colour'"),
        ("jurisdictions: [US]", "jurisdictions: 5", "5: field 'jurisdictions'"),
        ("reviewed_on: 2026-11-01", "reviewed_on: 2026-13-45", "13: field 'reviewed_on'"),
        ("reviewed_on: 2026-11-01", "reviewed_on: 2027-01-01", "13: reviewed_on is in the future"),
        ("topics: [police-at-door]", "topics: [weather]", "6: unknown topic 'weather'"),
        ("jurisdictions: [US]", "jurisdictions: [TX]", "5: unknown jurisdiction 'TX'"),
        (
            'url: "https://www.aclu.org/know-your-rights"',
            'url: "ftp://x.org/a"',
            "10: field 'sources.0.url'",
        ),
        ("status: vetted", "status: done", "14: field 'status'"),
        (
            "lang: en",
            "lang: en\ntranslation_of: nowhere",
            "5: translation_of 'nowhere' points nowhere",
        ),
        (
            "## A heading {#a-heading}\n\nSome words",
            "## A heading {#a-heading}\n\n## Next {#next}\n\nSome words",
            "17: section 'A heading' is empty",
        ),
        ("## A heading {#a-heading}", "## A heading", "17: heading has no anchor"),
        ("## A heading {#a-heading}", "## A heading {#A_b}", "17: anchor 'A_b' must be"),
        (
            "## A heading {#a-heading}\n\nSome words",
            "## A heading {#a-heading}\n\nSome words\n\n## Again {#a-heading}\n\nMore",
            "21: duplicate anchor 'a-heading'",
        ),
        (
            "status: vetted",
            "status: vetted\npassages:\n  nowhere:\n    kind: steps",
            "16: passages: 'nowhere' names no anchor",
        ),
        ("Some words", "x" * 1401, "17: section is 1435 characters"),
        (
            "status: vetted",
            "status: vetted\npassages:\n  a-heading:\n    asked_as: []",
            "17: passages.a-heading.asked_as is empty",
        ),
        (
            "status: vetted",
            "status: vetted\npassages:\n  a-heading:\n    asked_as:\n"
            "      - cops at my door\n      - Cops at  my door",
            "19: key 'Cops at  my door' is listed twice",
        ),
        (
            "status: vetted",
            "status: vetted\npassages:\n  a-heading:\n    asked_as:\n"
            "      - can cops come in?      - do i open the door",
            "18: asked-as key 'can cops come in?      - do i open the door…' holds a '- ' list",
        ),
    ],
)
def test_each_problem_is_reported_with_its_line(
    knowledge_copy: Path, old: str, new: str, expected: str
) -> None:
    text = sample()
    assert old in text
    write(knowledge_copy, "sample", text.replace(old, new))
    found = messages(knowledge_copy, "sample")
    assert any(m.startswith(expected) for m in found), found


def test_a_translation_keeps_its_originals_anchors(knowledge_copy: Path) -> None:
    text = sample("sample-es").replace("lang: en", "lang: es\ntranslation_of: sample")
    write(knowledge_copy, "sample", sample())
    write(knowledge_copy, "sample-es", text.replace("{#a-heading}", "{#un-titulo}"), lang="es")
    found = messages(knowledge_copy, "sample-es")
    assert any("anchors differ from the original 'sample'" in m for m in found), found


def test_a_key_claimed_by_two_articles_is_an_error(knowledge_copy: Path) -> None:
    keyed = "status: vetted\npassages:\n  a-heading:\n    asked_as:\n      - cops at my door\n"
    write(knowledge_copy, "one", sample("one").replace("status: vetted\n", keyed))
    write(knowledge_copy, "two", sample("two").replace("status: vetted\n", keyed))
    found = messages(knowledge_copy, "two")
    assert any("key 'cops at my door' is also a key of one#a-heading" in m for m in found), found


def test_duplicate_ids_across_languages(knowledge_copy: Path) -> None:
    write(knowledge_copy, "police-at-door", sample("police-at-door"), lang="es")
    found = messages(knowledge_copy, "police-at-door")
    assert any("duplicate id" in m for m in found), found


def test_all_problems_reported_in_one_run(knowledge_copy: Path) -> None:
    write(knowledge_copy, "one", sample("one").replace("topics: [police-at-door]", "topics: [x]"))
    write(knowledge_copy, "two", sample("two").replace("jurisdictions: [US]", "jurisdictions: [Y]"))
    report = validate_knowledge(knowledge_copy, today=date(2026, 11, 26))
    assert len(report.errors) == 2


def test_review_due_is_a_warning_not_an_error(knowledge_copy: Path) -> None:
    old = (date(2026, 11, 26) - timedelta(days=200)).isoformat()
    write(knowledge_copy, "sample", sample(reviewed=old))
    report = validate_knowledge(knowledge_copy, today=date(2026, 11, 26))
    assert report.errors == []
    assert [w.message.split(":")[0] for w in report.warnings] == ["due for review"]


def test_unreadable_files_are_reported_not_raised(knowledge_copy: Path) -> None:
    write(knowledge_copy, "empty", "")
    (knowledge_copy / "articles" / "en" / "binary.md").write_bytes(b"\xff\xfe\x00junk")
    loop = knowledge_copy / "articles" / "en" / "loop.md"
    loop.symlink_to(loop)
    found = {Path(p.path).stem: p.message for p in validate_knowledge(knowledge_copy).problems}
    assert found["empty"].startswith("file must start with")
    assert found["binary"] == "not valid UTF-8 text"
    assert found["loop"].startswith("cannot read file")


def test_spanish_id_rules(knowledge_copy: Path) -> None:
    text = sample("muestra").replace("lang: en", "lang: es")
    write(knowledge_copy, "muestra", text, lang="es")
    assert any("must end in '-es'" in m for m in messages(knowledge_copy, "muestra"))


@pytest.mark.parametrize(
    "url",
    [
        "http://www.law.cornell.edu/wex/quotation/%5Bfield_short_title-raw%5D_48",
        "https://example.org/page/%7B%7Burl%7D%7D",
        "https://example.org/{{slug}}",
        "https://example.org/[title]",
    ],
)
def test_template_leftovers_in_source_urls_are_errors(knowledge_copy: Path, url: str) -> None:
    write(knowledge_copy, "sample", sample().replace("https://www.aclu.org/know-your-rights", url))
    found = messages(knowledge_copy, "sample")
    assert any(
        m.startswith("10: field 'sources.0.url'") and "template leftover" in m for m in found
    )


def test_a_normal_query_string_is_not_a_template_leftover(knowledge_copy: Path) -> None:
    url = (
        "https://www.law.cornell.edu/supct/search/display.html?terms=police&url=/supct/html/x.html"
    )
    write(knowledge_copy, "sample", sample().replace("https://www.aclu.org/know-your-rights", url))
    assert messages(knowledge_copy, "sample") == []


def test_the_same_source_twice_in_one_article_is_a_warning(knowledge_copy: Path) -> None:
    twice = (
        '  - title: "Example"\n    url: "https://www.aclu.org/know-your-rights"\n'
        "    accessed: 2026-11-01\n"
        '  - title: "Again"\n    url: "https://www.aclu.org/know-your-rights/"\n'
        "    accessed: 2026-11-01\n"
    )
    text = sample().replace(
        '  - title: "Example"\n    url: "https://www.aclu.org/know-your-rights"\n'
        "    accessed: 2026-11-01\n",
        twice,
    )
    write(knowledge_copy, "sample", text)
    report = validate_knowledge(knowledge_copy, today=date(2026, 11, 26))
    assert report.errors == []
    warnings = [f"{w.line}: {w.message}" for w in report.warnings]
    assert any(w.startswith("13: source address cited twice") for w in warnings), warnings


def test_a_load_reads_each_file_once_and_hashes_what_it_read(
    knowledge_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections import Counter

    from index.knowledge import knowledge_hash, load_knowledge

    opened: Counter[Path] = Counter()
    real_open = Path.open

    def counting_open(self: Path, *args: object, **kwargs: object) -> object:
        opened[self] += 1
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", counting_open)
    knowledge = load_knowledge(knowledge_copy)
    monkeypatch.undo()
    assert opened, "the loader read no files"
    assert {p for p, n in opened.items() if n > 1} == set()
    assert knowledge.hash == knowledge_hash(knowledge_copy)


def test_a_passage_s_sources_are_its_article_s(knowledge_copy: Path) -> None:
    """`sources:` of a passage name addresses from its article's `sources:`; a translation,
    which inherits them, must list them too."""
    named = 'status: vetted\npassages:\n  a-heading:\n    sources:\n      - "{url}"\n'
    own = "https://www.aclu.org/know-your-rights"
    write(knowledge_copy, "sample", sample().replace("status: vetted\n", named.format(url=own)))
    assert messages(knowledge_copy, "sample") == []
    elsewhere = "https://www.nyclu.org/elsewhere"
    write(
        knowledge_copy, "sample", sample().replace("status: vetted\n", named.format(url=elsewhere))
    )
    found = messages(knowledge_copy, "sample")
    assert any(
        m.startswith("17: passages.a-heading: source 'https://www.nyclu.org/elsewhere' is not")
        for m in found
    ), found
    write(knowledge_copy, "sample", sample().replace("status: vetted\n", named.format(url=own)))
    spanish = sample("sample-es").replace("lang: en", "lang: es\ntranslation_of: sample")
    other = spanish.replace("https://www.aclu.org/know-your-rights", "https://www.aclu.org/es")
    write(knowledge_copy, "sample-es", other, lang="es")
    found = messages(knowledge_copy, "sample-es")
    assert any("of sample is not among this translation's sources" in m for m in found), found
    write(knowledge_copy, "sample-es", spanish, lang="es")
    assert messages(knowledge_copy, "sample-es") == []
