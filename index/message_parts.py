"""The questions in a message: pure text, cheap, no model calls.

People write one question, several at once ("is it legal to wear a mask at a protest and
does face recognition still work with one"), or a story with the question at the end. A
message with more than one question is answered part by part (see `Retriever.search`);
the words that tell a question apart are knowledge (`knowledge/question_words.yaml`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import yaml

from index.embedding import Vectors
from index.errors import Problem
from index.lexical import fold
from index.questions import ReadQuestion
from index.yamlfile import compose_file, line_of, mapping_items, text_of

QUESTION_WORDS_FILE = "question_words.yaml"
LISTS = ("starts", "after_joins", "pronouns", "refers", "joins", "leads", "counts", "count_leads")
LANGS = ("en", "es")
# At most this many parts: the offered list has room for one passage per part.
MAX_PARTS = 3
# A piece split off at a joining word needs this many words on each side to be a question
# of its own ("do i need a permit and can police break up the protest", not "you and me").
MIN_SIDE_WORDS = 3
# A piece shorter than this ("which states", "is that true?") asks more about the question
# before it, so it stays part of that question.
MIN_PART_WORDS = 4
# A question this short after a story gets the sentence before it, for what "it" or "those
# videos" refer to; a longer one names its subject itself.
CONTEXT_BELOW_WORDS = 10

# Sentence ends: after . ? ! (and runs of them), at line breaks, and before an opening "¿".
_SENTENCE_END = re.compile(r"(?<=[.?!…])\s+|\n+|(?=¿)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_EDGES = " \t,;:-–—"
# A number or letter that lists a question: "1)", "2.", "(3)", "b)". Said as text, it would
# only add a stray word to the part it opens.
_ENUMERATOR = re.compile(r"^\s*(?:\(?\d{1,2}[).:](?!\d)|\([a-cA-C]\)|[a-cA-C]\))\s*")
# The lead-in that counts the questions ("two questions:", "dos preguntas -"): at most two
# `count_leads` words or numbers, then a `counts` word, then a colon, a dash or the end of
# the sentence ("Two questions:" on a line of its own).
_LEAD_IN = re.compile(r"^\W*((?:[^\W_]+\s+){0,2})([^\W\d_]+)\s*(?:[:\-–—]\s*|$)")


@dataclass(frozen=True)
class QuestionWords:
    """Folded words of every language, per list (see knowledge/question_words.yaml)."""

    starts: frozenset[str] = frozenset()
    after_joins: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    refers: frozenset[str] = frozenset()
    joins: frozenset[str] = frozenset()
    leads: frozenset[str] = frozenset()
    counts: frozenset[str] = frozenset()
    count_leads: frozenset[str] = frozenset()


NO_QUESTION_WORDS = QuestionWords()


class ReadMessage(NamedTuple):
    """A message as search sees it: whole, and its questions when it holds several."""

    whole: ReadQuestion
    parts: list[ReadQuestion]  # [] when the whole message is the question
    # For a message about something happening now, what it asks besides the situation
    # (index.situations `besides`), when anything is left; see index.urgent.
    asked: ReadQuestion | None = None
    # It says something besides its questions (`tells`): a story they are asked from.
    story: bool = False

    def encoder_texts(self) -> list[str]:
        """What one encoder call gets: the whole message first, then each part, then what
        an urgent message asks besides its situation."""
        asked = [self.asked.encoded] if self.asked else []
        return [self.whole.encoded, *(p.encoded for p in self.parts), *asked]

    def part_vectors(self, vectors: Vectors) -> Vectors:
        """The parts' rows of this message's `encoder_texts` vectors."""
        return vectors[1 : 1 + len(self.parts)]

    def asked_vector(self, vectors: Vectors) -> Vectors | None:
        """The row of what an urgent message asks besides its situation, if it has one."""
        return vectors[1 + len(self.parts)] if self.asked else None


def per_message(messages: Sequence[ReadMessage], vectors: Vectors) -> list[Vectors]:
    """The vectors of one encoder call over many messages' `encoder_texts`, per message."""
    out, start = [], 0
    for m in messages:
        count = len(m.encoder_texts())
        out.append(vectors[start : start + count])
        start += count
    return out


def question_parts(message: str, words: QuestionWords) -> list[str]:
    """The message's questions, each with just enough context, when it has more than one
    question or a story before its question; [] when the whole message is the question."""
    parts: list[str] = []
    previous = ""  # the last sentence that is not a question: context for a short one
    for sentence in _sentences(message, words):
        if not _is_question(sentence, words):
            previous = sentence
            continue
        pieces = _split_at_joins(sentence, words)
        for n, piece in enumerate(pieces):
            found = _WORD.findall(piece)
            if parts and len(found) < MIN_PART_WORDS:
                parts[-1] = f"{parts[-1]} {piece}"
                continue
            short = len(found) < CONTEXT_BELOW_WORDS
            if n == 0 and previous and short:
                piece = f"{previous} {piece}"
            elif n > 0 and short and any(fold(w) in words.refers for w in found):
                # "... border agents go through my phone and do i have to give them my
                # passcode": who "them" are is in the question it was joined to.
                piece = f"{pieces[0]} {piece}"
            parts.append(piece)
        previous = ""
    parts = parts[:MAX_PARTS]
    if not parts or (len(parts) == 1 and _same_text(parts[0], without_lead_in(message, words))):
        return []
    return parts


def tells(message: str, words: QuestionWords) -> bool:
    """Whether the message says something besides its questions: a sentence that asks
    nothing ("my cousin went to his check-in and never came out."), a story around them."""
    return any(not _is_question(s, words) for s in _sentences(message, words))


def _sentences(message: str, words: QuestionWords) -> list[str]:
    """The message's sentences, without a lead-in that counts its questions and without
    the numbers that list them."""
    pieces = [s for s in _SENTENCE_END.split(message) if s.strip(_EDGES)]
    if pieces:  # before the edges go: the colon or dash marks a lead-in
        pieces[0] = without_lead_in(pieces[0], words)
    sentences = [_ENUMERATOR.sub("", s).strip(_EDGES) for s in pieces]
    return [s for s in sentences if s]


def without_lead_in(text: str, words: QuestionWords) -> str:
    """The text without a lead-in that counts its questions and the number of the first:
    "two questions: 1) can they..." -> "can they..."."""
    found = _LEAD_IN.match(text)
    if found is None or fold(found.group(2)) not in words.counts:
        return text
    # "ICE asked questions:" names who asked: only numbers and `count_leads` words may lead.
    if any(not w.isdigit() and fold(w) not in words.count_leads for w in found.group(1).split()):
        return text
    return _ENUMERATOR.sub("", text[found.end() :]).strip(_EDGES)


def _is_question(sentence: str, words: QuestionWords) -> bool:
    if "?" in sentence or "¿" in sentence:
        return True
    opening = [fold(w) for w in _WORD.findall(sentence)[:6]]
    while opening and opening[0] in words.joins:
        opening.pop(0)
    if opening and opening[0] in words.leads:
        opening.pop(0)
    return bool(opening) and opening[0] in words.starts


def _split_at_joins(sentence: str, words: QuestionWords) -> list[str]:
    """The questions joined in one sentence: a joining word followed by a question form."""
    found = list(_WORD.finditer(sentence))
    folded = [fold(m.group()) for m in found]
    openers = words.starts | words.after_joins
    cuts: list[int] = []
    last = 0
    for i, word in enumerate(folded):
        if word not in words.joins or i - last < MIN_SIDE_WORDS:
            continue
        after = folded[i + 1 : i + 4]
        if after and after[0] in words.leads:
            after = after[1:]
        if after and after[0] in words.pronouns:
            after = after[1:]  # "y me pueden revisar": the word after the pronoun decides
        if after and after[0] in openers and len(folded) - i - 1 >= MIN_SIDE_WORDS:
            cuts.append(i)
            last = i + 1
    pieces: list[str] = []
    start = 0
    for i in cuts:
        pieces.append(sentence[start : found[i].start()])
        start = found[i].end()
    pieces.append(sentence[start:])
    return [p for p in (_without_leading_joins(p, words) for p in pieces) if p]


def _without_leading_joins(piece: str, words: QuestionWords) -> str:
    """'and can they...' -> 'can they...': the joining word belongs to neither question."""
    piece = piece.strip(_EDGES)
    while (first := _WORD.match(piece.lstrip("¿¡"))) and fold(first.group()) in words.joins:
        opening = piece.startswith(("¿", "¡"))
        piece = (piece[0] if opening else "") + piece.lstrip("¿¡")[first.end() :].strip(_EDGES)
    return _ENUMERATOR.sub("", piece)  # "and (b) can i film them?"


def _same_text(part: str, message: str) -> bool:
    return _WORD.findall(fold(part)) == _WORD.findall(fold(message))


def load_question_words(knowledge_dir: Path) -> tuple[QuestionWords, list[Problem]]:
    """`question_words.yaml` (optional): list -> language -> words; problems as path:line."""
    path = knowledge_dir / QUESTION_WORDS_FILE
    where = str(path)
    root, problems = compose_file(path)
    top, shape = mapping_items(root, where, f"a mapping of lists ({', '.join(LISTS)})")
    problems += shape
    lists: dict[str, set[str]] = {name: set() for name in LISTS}
    for name_node, langs_node in top:
        name = str(name_node.value)
        if name not in LISTS:
            msg = f"unknown list '{name}' (use {', '.join(LISTS)})"
            problems.append(Problem(where, line_of(name_node), msg))
            continue
        langs, shape = mapping_items(langs_node, where, f"'{name}': a mapping of languages")
        problems += shape
        for lang_node, words_node in langs:
            problems += _add_words(lists[name], lang_node, words_node, where, name)
    return QuestionWords(**{name: frozenset(found) for name, found in lists.items()}), problems


def _add_words(
    into: set[str], lang_node: yaml.Node, words_node: yaml.Node, where: str, name: str
) -> list[Problem]:
    lang = str(lang_node.value)
    if lang not in LANGS:
        return [Problem(where, line_of(lang_node), f"unknown language '{lang}' (use en, es)")]
    if not isinstance(words_node, yaml.SequenceNode):
        return [Problem(where, line_of(words_node), f"'{name}.{lang}' must be a list of words")]
    problems: list[Problem] = []
    seen: set[str] = set()
    for node in words_node.value:
        text = text_of(node)
        word = fold(text) if text else ""
        if not word or len(_WORD.findall(word)) != 1 or _WORD.fullmatch(word) is None:
            problems.append(Problem(where, line_of(node), "each entry must be one word"))
        elif word in seen:
            problems.append(Problem(where, line_of(node), f"duplicate word '{word}' in {name}"))
        else:
            seen.add(word)
            into.add(word)
    return problems
