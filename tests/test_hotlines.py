"""knowledge/hotlines.yaml: each number once, validated with lines, expanded into articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from index.hotlines import expand, load_hotlines
from index.knowledge import knowledge_hash, load_knowledge
from index.validation import validate_knowledge

HOTLINES = """hotlines:
  - id: nlg-nyc
    number: "212-679-6018"
    name: {en: "NLG New York City", es: "NLG Nueva York"}
    needs: [arrested]
    places: [NYC]
    hours: {en: "Every day", es: "Todos los días"}
    seen_at: "https://www.nycprotests.info/safety-information/legal"
    seen_on: 2026-11-26
  - id: ny-new-americans
    number: "1-800-566-7636"
    name: {en: "New Americans Hotline", es: "Línea New Americans"}
    needs: [immigration]
    places: [US-NY]
    seen_at: "https://www.example.org/ona"
    seen_on: 2026-12-01
"""

ARTICLE = """---
id: hotline-sample
title: "Sample"
lang: {lang}
jurisdictions: [US]
topics: [police-at-door]
summary: "A sample."
sources:
  - title: "Example"
    url: "https://www.aclu.org/know-your-rights"
    accessed: 2026-11-01
reviewed_by: kyr-editors
reviewed_on: 2026-11-01
status: vetted
---

## Who do I call? {{#who-call}}

Call one of these:

{{{{hotlines: {needs}}}}}
"""


def setup(
    knowledge: Path, hotlines: str = HOTLINES, needs: str = "arrested", lang: str = "en"
) -> Path:
    (knowledge / "hotlines.yaml").write_text(hotlines, encoding="utf-8")
    name = "hotline-sample" if lang == "en" else "hotline-sample-es"
    text = ARTICLE.format(lang=lang, needs=needs).replace("id: hotline-sample", f"id: {name}")
    path = knowledge / "articles" / lang / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems(knowledge: Path) -> list[str]:
    report = validate_knowledge(knowledge, today=date(2026, 12, 4))
    return [f"{Path(p.path).name}:{p.line}: {p.message}" for p in report.problems]


def test_a_directive_expands_into_the_numbers_for_that_need(knowledge_copy: Path) -> None:
    setup(knowledge_copy)
    assert problems(knowledge_copy) == []
    passage = next(
        p for p in load_knowledge(knowledge_copy).passages if p.id == "hotline-sample#who-call"
    )
    assert "{{" not in passage.text
    assert "- NLG New York City: 212-679-6018. Every day." in passage.text
    assert "last confirmed there on 2026-11-26" in passage.text
    assert "1-800-566-7636" not in passage.text


def test_spanish_articles_get_the_spanish_names(knowledge_copy: Path) -> None:
    hotlines, found = load_hotlines(knowledge_copy.parent / "none")
    assert (hotlines, found) == ([], [])
    setup(knowledge_copy)
    hotlines, found = load_hotlines(knowledge_copy, {"NYC", "US-NY", "US"})
    assert found == []
    text = expand("Llame:\n{{hotlines: arrested, immigration}}", "es", hotlines)
    assert "- NLG Nueva York: 212-679-6018. Todos los días. Publicado en nycprotests.info" in text
    assert "- Línea New Americans: 1-800-566-7636. Publicado en example.org" in text


def test_a_hotline_can_be_named_by_id(knowledge_copy: Path) -> None:
    setup(knowledge_copy, needs="ny-new-americans")
    assert problems(knowledge_copy) == []
    hotlines, _ = load_hotlines(knowledge_copy)
    assert "1-800-566-7636" in expand("{{hotlines: ny-new-americans}}", "en", hotlines)


def test_hotline_problems_are_reported_with_their_lines(knowledge_copy: Path) -> None:
    bad = (
        HOTLINES.replace("needs: [immigration]", "needs: [weather]")
        .replace("places: [US-NY]", "places: [TX]")
        .replace('number: "1-800-566-7636"', 'number: "1-212-679-6018"')
        .replace("seen_on: 2026-12-01", "seen_on: soon")
        .replace('"https://www.example.org/ona"', '"https://x.org/%5Bfield%5D"')
    )
    setup(knowledge_copy, hotlines=bad)
    found = problems(knowledge_copy)
    twice = "number 1-212-679-6018 is listed twice (also line 3): keep each number once"
    assert f"hotlines.yaml:11: {twice}" in found
    assert any(f.startswith("hotlines.yaml:13: unknown need 'weather'") for f in found), found
    assert any(f.startswith("hotlines.yaml:14: unknown place code 'TX'") for f in found), found
    assert any(f.startswith("hotlines.yaml:15: seen_at") for f in found), found
    assert "hotlines.yaml:16: seen_on must be a date (YYYY-MM-DD)" in found


def test_missing_fields_and_unknown_fields(knowledge_copy: Path) -> None:
    bad = HOTLINES.replace(
        '    name: {en: "NLG New York City", es: "NLG Nueva York"}\n', ""
    ).replace('    hours: {en: "Every day"', '    colour: blue\n    hours: {en: "Every day"')
    setup(knowledge_copy, hotlines=bad)
    found = problems(knowledge_copy)
    assert "hotlines.yaml:2: missing field 'name'" in found
    assert "hotlines.yaml:6: unknown field 'colour'" in found


def test_an_unknown_need_in_an_article_is_an_error(knowledge_copy: Path) -> None:
    setup(knowledge_copy, needs="pizza")
    found = problems(knowledge_copy)
    assert any(
        f.startswith("hotline-sample.md:21: hotlines: unknown need or hotline id 'pizza'")
        for f in found
    ), found


def test_editing_hotlines_changes_the_knowledge_hash(knowledge_copy: Path) -> None:
    setup(knowledge_copy)
    before = knowledge_hash(knowledge_copy)
    path = knowledge_copy / "hotlines.yaml"
    path.write_text(path.read_text().replace("212-679-6018", "212-679-6019"), encoding="utf-8")
    assert knowledge_hash(knowledge_copy) != before


def test_the_real_hotlines_file_is_clean() -> None:
    knowledge = Path(__file__).resolve().parent.parent / "knowledge"
    hotlines, found = load_hotlines(knowledge, None)
    assert found == []
    numbers = [h.number for h in hotlines]
    assert len(numbers) == len(set(numbers))
    assert "212-577-3300" in numbers
