"""Off-topic examples (`knowledge/offtopic.yaml`): questions the bot should not answer.

They are never shown. The index embeds them, and the abstention gate weighs how close a
question comes to the nearest one (see index.confidence), which catches near-domain questions
("how do I become a police officer?") that a score threshold alone lets through.

Each language maps either to a list of examples (subject "other") or to subjects, each with
its list. The subject of the nearest examples routes a decline: a housing or work question
is pointed to general legal help, not to the protest-arrest hotline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import yaml

from index.errors import Problem
from index.phrases import contains, normal, phrase_list, phrase_pattern
from index.yamlfile import compose_file, mapping_items

OFFTOPIC_FILE = "offtopic.yaml"
LANGS = ("en", "es")
# "immigration": applications and paperwork (visas, residency, asylum filings, citizenship),
# not enforcement; "courts": ordinary criminal cases and crime reports (charges, court dates,
# pleas, records, reporting a crime), not rights with police. The articles cover those.
# "danger": violence, threats or crimes against the asker by anyone but police or immigration
# agents (a partner, a stranger, a neighbour); its decline opens with the emergency number.
DANGER = "danger"
# "bot": questions about kyr-bot itself (who runs it, whether it reports to police or ICE,
# what it keeps); its decline is what the bot keeps (/privacy).
BOT = "bot"
# "greeting": a message that only greets or thanks (index.about_bot); not an off-topic
# subject of the examples, its decline is the welcome.
GREETING = "greeting"
SUBJECTS = (
    *("housing", "work", "family", "traffic", "benefits", "courts", "immigration", DANGER),
    BOT,
    "other",
)
LEGAL_SUBJECTS = frozenset(set(SUBJECTS) - {"other", BOT})
# Words of harm and threat ("pega", "threatening", "overdosed"), under this key of the file: the
# danger decline opens with the emergency number, so its subject also needs one of them in
# the question. The encoder puts far questions near the danger examples ("receta de pupusas",
# "tengo ITIN, tengo que hacer taxes?", "my car squeaks when i brake"): each example told from
# all the others, 57 of 851 not about danger were read as danger by their neighbours alone, 4
# with the words; of the 101 about danger, 79 by their neighbours, 73 with the words.
DANGER_WORDS = "danger_words"
MAX_CHARS = 500
# A decline's subject is the one whose examples among this many nearest weigh most (their
# summed closeness), and "bot" only when most of them are about the bot: that decline says
# what the bot keeps and nothing about a problem, and a question naming its status ("mi
# casero quiere echarme porque supo que no tengo papeles") lies near "si te digo que no tengo
# papeles me vas a denunciar". Each example's subject told from all the others (leave one
# out; examples the team wrote, not real questions): right for 0.676 by the nearest alone,
# 0.751 this way; taken for one about the bot, 16 of the 915 that are not by the nearest, 3
# this way (and 16 of the 37 about the bot found, against 21 by the nearest; the phrases of
# about_bot.yaml find such questions first).
SUBJECT_NEIGHBOURS = 5
BOT_NEIGHBOURS = 3


def nearest_subject(
    closeness: np.ndarray, subjects: Sequence[str], danger_said: bool = True
) -> str:
    """The subject whose examples among the SUBJECT_NEIGHBOURS nearest are closest in sum
    (``closeness``: the question's cosine to each example; a tie goes to the nearest), BOT
    only when BOT_NEIGHBOURS of them are about the bot, DANGER only when ``danger_said`` (the
    question holds one of the danger words); without them, the next subject, or "other"."""
    nearest = np.argsort(-closeness, kind="stable")[:SUBJECT_NEIGHBOURS]
    weight: dict[str, float] = {}
    for i in nearest:  # nearest first: dicts keep insertion order, max keeps the first best
        # a neighbour never counts against its subject (cosines below 0 are unrelated)
        weight[subjects[i]] = weight.get(subjects[i], 0.0) + max(float(closeness[i]), 0.0)
    if sum(subjects[i] == BOT for i in nearest) < BOT_NEIGHBOURS and len(weight) > 1:
        weight.pop(BOT, None)
    if not danger_said:
        weight.pop(DANGER, None)
    return max(weight, key=weight.__getitem__) if weight else "other"


class DangerWords(NamedTuple):
    """The `danger_words:` of the file, compiled; None (no list) leaves the subject to the
    neighbours alone."""

    pattern: re.Pattern[str] | None = None

    def said_in(self, *texts: str) -> bool:
        """Whether any of the texts holds a danger word (always, without a list)."""
        if self.pattern is None:
            return True
        return any(contains(self.pattern, normal(t)) for t in texts)


NO_DANGER_WORDS = DangerWords()


class Example(NamedTuple):
    """One off-topic question and what it is about (one of ``SUBJECTS``)."""

    text: str
    subject: str


def load_offtopic(knowledge_dir: Path) -> tuple[list[str], list[Problem]]:
    """The examples' texts in file order (English, then Spanish), and any problems."""
    examples, problems = load_offtopic_examples(knowledge_dir)
    return [e.text for e in examples], problems


def load_offtopic_examples(knowledge_dir: Path) -> tuple[list[Example], list[Problem]]:
    """The examples with their subjects in file order, and any problems with the file.

    The file is optional: without it the gate's off-topic feature is simply 0.
    """
    examples, _, problems = load_offtopic_file(knowledge_dir)
    return examples, problems


def load_offtopic_file(
    knowledge_dir: Path,
) -> tuple[list[Example], DangerWords, list[Problem]]:
    """Everything the file holds, read once: the examples in file order, the danger words
    (NO_DANGER_WORDS without a list), and any problems."""
    path = knowledge_dir / OFFTOPIC_FILE
    where = str(path)
    root, problems = compose_file(path)
    top, more = mapping_items(root, where, "a mapping of 'en' and 'es' to lists")
    problems += more
    examples: list[Example] = []
    words = NO_DANGER_WORDS
    for key, value in top:
        line = key.start_mark.line + 1
        if key.value == DANGER_WORDS:
            phrases, more = phrase_list(value, where, DANGER_WORDS)
            words = DangerWords(phrase_pattern(phrases))
            problems += more
        elif key.value not in LANGS:
            msg = f"unknown key '{key.value}' (use en, es, {DANGER_WORDS})"
            problems.append(Problem(where, line, msg))
        elif isinstance(value, yaml.SequenceNode):
            _read_list(value, "other", where, examples, problems)
        elif isinstance(value, yaml.MappingNode):
            _read_subjects(value, where, examples, problems)
        else:
            problems.append(
                Problem(where, line, f"'{key.value}' must be a list or map subjects to lists")
            )
    return examples, words, problems


def _read_subjects(
    node: yaml.MappingNode, where: str, examples: list[Example], problems: list[Problem]
) -> None:
    for key, value in node.value:
        line = key.start_mark.line + 1
        if key.value not in SUBJECTS:
            msg = f"unknown subject '{key.value}' (use {', '.join(SUBJECTS)})"
            problems.append(Problem(where, line, msg))
        elif not isinstance(value, yaml.SequenceNode):
            problems.append(Problem(where, line, f"'{key.value}' must be a list of questions"))
        else:
            _read_list(value, key.value, where, examples, problems)


def _read_list(
    node: yaml.SequenceNode,
    subject: str,
    where: str,
    examples: list[Example],
    problems: list[Problem],
) -> None:
    for item in node.value:
        at = item.start_mark.line + 1
        if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
            problems.append(Problem(where, at, "each example must be a non-empty string"))
        elif len(item.value) > MAX_CHARS:
            problems.append(Problem(where, at, f"example longer than {MAX_CHARS} characters"))
        else:
            examples.append(Example(str(item.value).strip(), subject))
