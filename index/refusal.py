"""Requests to harm or expose people are refused on purpose, even in on-topic words.

Scores alone cannot catch them: "find the home address of the officer in this photo" sounds
like a face-recognition question, and the encoder places it beside "how do I find an officer's
badge number" (measured on dev: no threshold on the cosine to harmful examples separates them
without refusing rights questions). The policy (`knowledge/refusals.yaml`) is written as
patterns over the folded question: `always` (acts harmful however asked), and `intent` + `acts`
(the asker means to do a harmful act). Its `categories` list example requests the patterns must
catch; validation checks every one, so the policy and its patterns cannot drift apart.

Patterns share vocabulary through `words`: named lists of alternatives (who can be harmed,
officers in English, Spanish and slang, weapons...) written once and referenced as `{name}`, so
a word added there ("la tira", "jueza") reaches every pattern that names people.

Protecting yourself is never refused. `protect` patterns name self-protective phrases
("disable face id", "hide my face", "find the officer's badge number", "is it a crime to
lie"); each is blanked out before any pattern is checked, so the trigger words inside it
("disable", "hide", "lie") cannot make a question harmful, while the rest of the question is
judged as usual ("find the badge number, then find his home address" is still refused). Its
`protected` examples are validated never to be refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from index.errors import InvalidKnowledgeError, Problem
from index.lexical import fold
from index.yamlfile import (
    compose_file,
    known_keys,
    line_of,
    mapping_items,
    text_of,
    texts_with_lines,
)

REFUSALS_FILE = "refusals.yaml"
PATTERN_LISTS = ("always", "intent", "acts", "protect")
REQUIRED = ("categories", "always", "intent", "acts")
OPTIONAL = ("words", "protect", "protected")
# `{name}` in a pattern names a word list; regex counts like {0,40} start with a digit.
WORD_REF = re.compile(r"\{([a-z_]+)\}")
# A request ("how do i", "what is") and the act it names are read together only this many
# words apart or closer. In a long story, "they forced him to unlock his phone" and, 43 words
# on, "what is the true legality" are no request to break into a phone; the dev split's
# harmful requests put at most 14 words between the two. Words, not sentences: "how do i...
# uh... unlock my ex's phone" is one request however it is punctuated.
NEAR_WORDS = 20


@dataclass(frozen=True)
class RefusalPolicy:
    """The written policy: example requests, and the patterns that refuse.

    The empty policy (a knowledge base without `refusals.yaml`) refuses nothing.
    """

    examples: list[str] = field(default_factory=list)
    always: list[re.Pattern[str]] = field(default_factory=list)
    intent: list[re.Pattern[str]] = field(default_factory=list)
    acts: list[re.Pattern[str]] = field(default_factory=list)
    protect: list[re.Pattern[str]] = field(default_factory=list)
    protected: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, knowledge_dir: Path) -> RefusalPolicy:
        """The policy of a knowledge base; raises InvalidKnowledgeError naming each problem."""
        policy, problems = load_refusals(knowledge_dir)
        if problems:
            raise InvalidKnowledgeError(problems)
        return policy

    def unprotected(self, folded: str) -> str:
        """The folded question with its self-protective phrases blanked out."""
        for pattern in self.protect:
            folded = pattern.sub(" _ ", folded)
        return folded

    def matches(self, *texts: str) -> bool:
        """Whether the question, in any of the forms given, asks for help with a harmful act.

        Forms that fold to the same text are checked once (most questions read as typed).
        """
        return any(self._matches(folded) for folded in dict.fromkeys(map(fold, texts)))

    def _matches(self, folded: str) -> bool:
        rest = self.unprotected(folded)
        if any(p.search(rest) for p in self.always):
            return True
        requests = [m.span() for p in self.intent for m in p.finditer(rest)]
        if not requests:
            return False
        acts = [span for p in self.acts for span in _act_spans(p, rest)]
        return any(_words_between(rest, r, a) <= NEAR_WORDS for r in requests for a in acts)


def _act_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Where the act itself is, each time it is said: the pattern's `act` group when it names
    one, else each match.

    A pattern that reads the whole message first ("^(?=.*warrant).*hide him") matches once, and
    its greedy `.*` lands on the last "hide him"; each act found is blanked (offsets kept) and
    the pattern tried again, so a request near an earlier one still counts.
    """
    if "act" not in pattern.groupindex:
        return [m.span() for m in pattern.finditer(text)]
    spans: list[tuple[int, int]] = []
    while (m := pattern.search(text)) is not None and m.start("act") >= 0:
        start, end = m.span("act")
        if end == start:  # an empty act: nothing to blank, and nothing to measure from
            break
        spans.append((start, end))
        text = text[:start] + " " * (end - start) + text[end:]
    return spans


def _words_between(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    """How many words separate two matched spans of `text` (0 when they touch or overlap)."""
    first, second = sorted((a, b))
    return len(text[first[1] : second[0]].split()) if second[0] > first[1] else 0


NO_REFUSALS = RefusalPolicy()


def load_refusals(knowledge_dir: Path) -> tuple[RefusalPolicy, list[Problem]]:
    """`refusals.yaml` (optional) and its problems as path:line.

    Besides its shape and that every pattern compiles, each category example must be refused
    and each `protected` example must not be: the file is checked against itself.
    """
    path = knowledge_dir / REFUSALS_FILE
    where = str(path)
    root, problems = compose_file(path)
    if root is None:
        return NO_REFUSALS, problems
    found, shape = known_keys(root, where, (*REQUIRED, *OPTIONAL))
    problems += shape
    first = line_of(root)
    problems += [
        Problem(where, first, f"missing '{name}'") for name in REQUIRED if name not in found
    ]
    words = _words(found.get("words"), where, problems)
    patterns = {
        name: _patterns(found[name], name, words, where, problems)
        for name in PATTERN_LISTS
        if name in found
    }
    examples = _examples(found.get("categories"), where, problems)
    protected = (
        texts_with_lines(found["protected"], "protected", where, problems)
        if "protected" in found
        else []
    )
    policy = RefusalPolicy(
        [text for text, _ in examples],
        patterns.get("always", []),
        patterns.get("intent", []),
        patterns.get("acts", []),
        patterns.get("protect", []),
        [text for text, _ in protected],
    )
    if not problems:
        problems += [
            Problem(where, line, f"example is not refused by the patterns: '{text}'")
            for text, line in examples
            if not policy.matches(text)
        ]
        problems += [
            Problem(where, line, f"protected example is refused by the patterns: '{text}'")
            for text, line in protected
            if policy.matches(text)
        ]
    return policy, problems


def _expand(text: str, words: dict[str, str]) -> tuple[str, list[str]]:
    """The pattern with each `{name}` replaced by its word list, and the unknown names."""
    unknown = [m for m in WORD_REF.findall(text) if m not in words]
    return WORD_REF.sub(lambda m: words.get(m[1], m[0]), text), unknown


def _words(node: yaml.Node | None, where: str, problems: list[Problem]) -> dict[str, str]:
    """Named word lists, each as one non-capturing alternation; a list may use earlier ones."""
    fields, shape = mapping_items(node, where, "a mapping of names to lists of words")
    problems += shape
    words: dict[str, str] = {}
    for key, value in fields:
        name = str(key.value)
        if not re.fullmatch(r"[a-z_]+", name):
            problems.append(Problem(where, line_of(key), f"word list '{name}': use a-z and _"))
            continue
        alternatives = []
        for text, line in texts_with_lines(value, f"words: {name}", where, problems):
            expanded, unknown = _expand(text, words)
            problems += [
                Problem(where, line, f"unknown word list '{{{u}}}' (define it above)")
                for u in unknown
            ]
            alternatives.append(expanded)
        words[name] = "(?:" + "|".join(alternatives) + ")"
    return words


def _patterns(
    node: yaml.Node, what: str, words: dict[str, str], where: str, problems: list[Problem]
) -> list[re.Pattern[str]]:
    out: list[re.Pattern[str]] = []
    for text, line in texts_with_lines(node, what, where, problems):
        expanded, unknown = _expand(text, words)
        if unknown:
            problems += [
                Problem(where, line, f"unknown word list '{{{u}}}' in '{what}' (use 'words')")
                for u in unknown
            ]
            continue
        try:
            out.append(re.compile(expanded))
        except re.error as exc:
            problems.append(Problem(where, line, f"bad pattern in '{what}': {exc}"))
    return out


def _examples(node: yaml.Node | None, where: str, problems: list[Problem]) -> list[tuple[str, int]]:
    """Every category's example requests with their lines."""
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(where, line_of(node), "'categories' must be a list"))
        return []
    out: list[tuple[str, int]] = []
    for category in node.value:
        fields, shape = mapping_items(category, where, "a category with 'name' and 'examples'")
        problems += shape
        named = {str(k.value): v for k, v in fields}
        if not fields:
            continue
        name = named.get("name")
        if name is None or text_of(name) is None:
            problems.append(Problem(where, line_of(category), "each category needs a 'name'"))
        if "examples" not in named:
            problems.append(Problem(where, line_of(category), "each category needs 'examples'"))
        else:
            out += texts_with_lines(named["examples"], "examples", where, problems)
    return out
