"""Urgent situations: whether a message is about something happening now, and which one.

The situations, who they are about and their trigger phrases are knowledge
(`knowledge/situations.yaml`); this module validates them and reads a message with a few
regular expressions compiled once at load, so reading costs microseconds on the serving path.
What to show for a situation is decided by index.urgent.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from index.errors import Problem
from index.hotlines import NEEDS
from index.lexical import STOPWORDS
from index.models import SLUG
from index.phrases import contains, normal, phrase_list, phrase_pattern
from index.yamlfile import compose_file, known_keys, line_of, mapping_items, text_of

SITUATIONS_FILE = "situations.yaml"
# The phrase lists at the top of the file, besides `who:` and the situations' own.
LISTS = ("now", "past", "still", "long_ago", "told", "plain", "conditional", "call", "find")
TOP_KEYS = ("who", *LISTS, "max_words", "numbers", "finding", "phrases", "situations")
SITUATION_FIELDS = ("who", "unnamed", "on_call", "bare", "all", "none", "needs")
MAX_WORDS = 45  # when the file does not say
# Where one sentence ends: a past phrase in one ("arrested last year") leaves another alone.
# What may come before a sentence's first word, and a word following a conditional phrase
# ("si me para...", not "sí, ...").
OPENERS = " \t¿¡\"'(-"
FOLLOWED = re.compile(r"\s+\w")
SENTENCE_END = re.compile(r"[.?!;\n]+")
_WORDS = re.compile(r"[\w'-]+")


@dataclass(frozen=True)
class Situation:
    """Something happening to someone now, e.g. police at the door."""

    id: str
    who: str  # a group of `who:` (police, immigration)
    unnamed: bool  # may match a message that names nobody (an arrest is by police)
    on_call: bool  # asking who to call is enough, without a `now:` phrase (someone was taken)
    all: tuple[str, ...]  # phrase lists that must each match
    needs: tuple[str, ...]  # hotline needs whose numbers the reply carries
    line: int
    # phrase lists none of which may match ("im being arrested, can i call my mom" is not
    # about the mom being taken)
    none: tuple[str, ...] = ()
    # a message that says only who is there and that it is now ("la migra afuera!!", "cops
    # outside rn help") is about this one, when no situation's phrases match
    bare: bool = False


@dataclass(frozen=True)
class Reading:
    """What a message says about now: who it names, and the situation when it is urgent."""

    who: str | None  # the group named (the first listed in `who:` when several are)
    situation: Situation | None  # set only when the message is about something happening now
    calls: bool  # it asks who to call, for a number or for a lawyer
    finds: bool = False  # it asks where someone who was taken is held (which also calls)
    story: bool = False  # over `max_words`: a story, not a call for help
    # It asks for help and says nothing else: every word is a call, `find:`, `still:` or
    # `who:` phrase or a function word ("i need a lawyer asap", "necesito un abogado ya").
    bare: bool = False


NOBODY = Reading(who=None, situation=None, calls=False)


def _pattern(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """A phrase list's pattern, where `#` stands for a number ("hace # anos")."""
    return phrase_pattern(phrases, numbers=True)


class Situations:
    """The validated contents of situations.yaml, with every phrase list compiled once."""

    def __init__(
        self,
        who: Mapping[str, Sequence[str]],
        now: Sequence[str],
        call: Sequence[str],
        phrases: Mapping[str, Sequence[str]],
        situations: Sequence[Situation],
        numbers: Mapping[str, str] | None = None,
        max_words: int = MAX_WORDS,
        find: Sequence[str] = (),
        finding: Mapping[str, str] | None = None,
        past: Sequence[str] = (),
        still: Sequence[str] = (),
        plain: Sequence[str] = (),
        told: Sequence[str] = (),
        conditional: Sequence[str] = (),
        long_ago: Sequence[str] = (),
    ) -> None:
        self.max_words = max_words
        self.situations = {s.id: s for s in situations}
        self.numbers = dict(numbers or {})  # hotline need -> passage id listing its numbers
        self.finding = dict(finding or {})  # hotline need -> passage id on finding someone
        self._who = [(name, _pattern(list(words))) for name, words in who.items()]
        self._now = _pattern(list(now))
        self._call = _pattern(list(call))
        self._find = _pattern(list(find))
        self._past = _pattern(list(past))
        self._still = _pattern(list(still))
        self._long_ago = _pattern(list(long_ago))
        # `now:` phrases that also tell a finished event ("me arrestaron"), and the rest.
        told_set = set(told)
        self._told = _pattern([p for p in now if p in told_set])
        self._now_untold = _pattern([p for p in now if p not in told_set])
        self._plain = _pattern(list(plain))
        self._conditional = _pattern(list(conditional))
        # Everything a bare call for help may say (`Reading.bare`).
        self._helping = _pattern(
            [*call, *find, *still, *now, *plain, *(w for words in who.values() for w in words)]
        )
        self._phrases = {name: _pattern(list(words)) for name, words in phrases.items()}
        # What made a message urgent, per situation, as one pattern so the longest phrase goes
        # first ("me estan arrestando" whole, not "me estan" and a stray "arrestando"), and
        # the plain calls for help that the steps answer ("what do i do").
        urgent_words = [w for words in who.values() for w in words] + list(now) + list(plain)
        self._urgent_words = {
            s.id: _pattern([*urgent_words, *(w for n in s.all for w in phrases.get(n, ()))])
            for s in situations
        }

    def __bool__(self) -> bool:
        return bool(self.situations)

    @property
    def groups(self) -> tuple[str, ...]:
        """The `who:` groups, in file order."""
        return tuple(name for name, _ in self._who)

    def named(self, text: str) -> str | None:
        """The first `who:` group the (normalised) text names."""
        return next((name for name, rx in self._who if contains(rx, text)), None)

    def read(self, message: str) -> Reading:
        """Who the message names and, when it says it is happening now (or asks who to call,
        for an `on_call` situation), the first situation in file order for that who whose
        phrase lists all match and none of its `none:` lists do. A message over `max_words` is
        a story: never urgent, and so is one whose every sentence with a `now:` phrase places
        its events in the past (a `past:` phrase) without saying they are still going on
        (`still:`); asking who to call still routes an `on_call` situation, and asking where
        someone taken is held routes one even at the end of a story (it asks for one passage,
        whatever the story says). When no situation's phrases match, a message that only says
        who is there and that it is now ("la migra afuera!!") is about that side's `bare: true`
        situation."""
        if not self.situations:
            return NOBODY
        text = normal(message)
        who = self.named(text)
        finds = contains(self._find, text)
        calls = finds or contains(self._call, text)
        sentences = SENTENCE_END.split(text)
        # A story placed in the past that says nothing is still going on: its sentences that
        # only tell an event ("me arrestaron por error. estuve 2 dias... retiraron los cargos")
        # are part of it, not a call for help now.
        over = any(self._told_as_past(s) for s in sentences) and not contains(self._still, text)
        sentences = [s for s in sentences if not (over and self._only_told(s))]
        now = any(self._happening(sentence) for sentence in sentences)
        # What is happening now is told outside the sentences that place themselves long ago:
        # "hace 3 años me arrestaron... ahora voy a aplicar a la ciudadanía" is no arrest, while
        # "they knocked yesterday. they're outside right now" is still the door. Joined with a
        # sentence mark so that no phrase spans two sentences.
        live = " . ".join(
            s for s in sentences if not (self._told_as_past(s) and contains(self._long_ago, s))
        )
        story = len(text.split()) > self.max_words
        # Nothing but who, now, calls and function words (only asked of urgent messages).
        only_help = (calls or now) and self._bare(text)
        found = Reading(
            who=who, situation=None, calls=calls, finds=finds, story=story, bare=calls and only_help
        )
        if not (now or calls) or (story and not finds):
            return found
        for situation in self.about(who):
            if (story or not now) and not situation.on_call:
                continue
            # Someone else taken is told in the past and may still be held ("my son was
            # arrested last night... what do i do"): the whole message is read for those, so a
            # relative arrested years ago still routes to the numbers (they help then too).
            read_from = text if situation.on_call else live
            if all(self._matches(name, read_from) for name in situation.all) and not any(
                self._matches(name, text) for name in situation.none
            ):
                return replace(found, situation=situation)
        if now and not calls and not story and who is not None and only_help:
            fallback = next((s for s in self.about(who) if s.bare), None)
            return replace(found, situation=fallback)
        return found

    def about(self, who: str | None) -> list[Situation]:
        """The situations a message naming ``who`` can be about, in file order: that group's,
        or the `unnamed: true` ones when it names nobody (an arrest is by police)."""
        return [s for s in self.situations.values() if s.who == who or (who is None and s.unnamed)]

    def besides(self, message: str, situation: Situation) -> str:
        """The words of the message besides those that made it urgent (who is there, that it
        is happening now, the situation's own phrases, a `plain:` call for help such as "what
        do i do", which the steps answer): "being arrested right now, do i get a phone call?"
        -> "do i get a phone call". What else the person says (index.urgent); folded, without
        punctuation."""
        rx = self._urgent_words.get(situation.id)
        text = rx.sub(" ", normal(message)) if rx is not None else normal(message)
        return " ".join(_WORDS.findall(text))

    def _bare(self, text: str) -> bool:
        """Whether the (normalised) text says nothing besides asking for help."""
        rest = self._helping.sub(" ", text) if self._helping is not None else text
        return all(w in STOPWORDS for w in _WORDS.findall(rest))

    def _happening(self, sentence: str) -> bool:
        """A sentence says something is happening now, and does not place it in the past or
        open on what might happen ("y si ya me arrestaron y borro algo?") unless it says it is
        still going on ("yesterday ... and now they are at my door")."""
        if not contains(self._now, sentence) and not self._calls_for_help(sentence):
            return False
        if contains(self._still, sentence):
            return True
        return not self._told_as_past(sentence) and not self._opens_conditional(sentence)

    def _only_told(self, sentence: str) -> bool:
        """Whether the sentence's only sign of now is a `told:` phrase ("me arrestaron")."""
        return contains(self._told, sentence) and not contains(self._now_untold, sentence)

    def _told_as_past(self, sentence: str) -> bool:
        """A sentence places its events in the past and does not say they are still going on."""
        return contains(self._past, sentence) and not contains(self._still, sentence)

    def _opens_conditional(self, sentence: str) -> bool:
        """A `conditional:` phrase opens the sentence, followed by a word ("si me para",
        not "sí, la migra")."""
        if self._conditional is None:
            return False
        opening = self._conditional.match(sentence, len(sentence) - len(sentence.lstrip(OPENERS)))
        return opening is not None and FOLLOWED.match(sentence, opening.end()) is not None

    def _calls_for_help(self, sentence: str) -> bool:
        """A plain call for help ("migra en el edificio!! q hago") says it is happening now,
        unless the sentence asks about what might happen: a `conditional:` phrase opening it
        ("si me para la poli... q hago") or right after the call ("what do i do if they stop
        me"). Elsewhere "if" and "si" are "whether" or "yes" ("sí, la migra... q hago",
        "idk if i should open the door what do i do")."""
        call = self._plain.search(sentence) if self._plain is not None else None
        if call is None:
            return False
        if self._conditional is None:
            return True
        if self._opens_conditional(sentence):
            return False
        after = len(sentence) - len(sentence[call.end() :].lstrip())  # the next word's start
        return self._conditional.match(sentence, after) is None

    def _matches(self, name: str, text: str) -> bool:
        return contains(self._phrases.get(name), text)


NO_SITUATIONS = Situations({}, [], [], {}, [])


@dataclass(frozen=True)
class SituationsFile:
    """What load_situations read: the situations and where `numbers:` passage ids are."""

    path: Path
    situations: Situations
    # "numbers" / "finding" -> need -> (passage id, its line), checked against the articles
    passages: dict[str, dict[str, tuple[str, int]]]
    lines: dict[str, int]  # situation id -> line


def _names(node: yaml.Node, where: str, what: str) -> tuple[list[str], list[Problem]]:
    """A non-empty list of plain names."""
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        return [], [Problem(where, line_of(node), f"{what} must be a non-empty list")]
    names = [text_of(item) or "" for item in node.value]
    if not all(names):
        return [], [Problem(where, line_of(node), f"{what} must list names")]
    return names, []


def _known_names(
    node: yaml.Node,
    where: str,
    owner: str,
    field: str,
    known: Collection[str],
    hint: tuple[str, str],
) -> tuple[list[str], list[Problem]]:
    """`_names` of `owner`'s `field`, each of which must be one of `known`."""
    names, problems = _names(node, where, f"{owner}: {field}")
    problems += [
        Problem(where, line_of(node), f"{owner}: unknown {hint[0]} '{name}' ({hint[1]})")
        for name in names
        if name not in known
    ]
    return names, problems


def _situation(
    key: yaml.Node,
    node: yaml.Node,
    where: str,
    who: Mapping[str, object],
    phrases: Mapping[str, object],
) -> tuple[Situation | None, list[Problem]]:
    sid, line = str(key.value), line_of(key)
    problems: list[Problem] = []
    if not SLUG.match(sid):
        problems.append(Problem(where, line, f"situation id '{sid}' must be a slug"))
    fields, shape = mapping_items(node, where, f"situation '{sid}': a mapping of fields")
    problems += shape
    values = {str(k.value): (k, v) for k, v in fields}
    for name in sorted(set(values) - set(SITUATION_FIELDS)):
        problems.append(Problem(where, line_of(values[name][0]), f"unknown field '{name}'"))
    for name in ("who", "all", "needs"):
        if name not in values:
            problems.append(Problem(where, line, f"situation '{sid}': missing field '{name}'"))
    if problems:
        return None, problems
    group = text_of(values["who"][1]) or ""
    if group not in who:
        msg = f"situation '{sid}': unknown who '{group}' (use {', '.join(who)})"
        problems.append(Problem(where, line_of(values["who"][1]), msg))
    owner = f"situation '{sid}'"
    lists, found = _known_names(
        values["all"][1], where, owner, "all", phrases, ("phrase list", "see phrases:")
    )
    problems += found
    needs, found = _known_names(
        values["needs"][1], where, owner, "needs", NEEDS, ("need", f"use {', '.join(NEEDS)}")
    )
    problems += found
    excluded: list[str] = []
    if "none" in values:
        excluded, found = _known_names(
            values["none"][1], where, owner, "none", phrases, ("phrase list", "see phrases:")
        )
        problems += found
        for name in sorted(set(excluded) & set(lists)):
            msg = f"{owner}: '{name}' is under both all: and none: (it could never match)"
            problems.append(Problem(where, line_of(values["none"][1]), msg))
    flags = {"unnamed": False, "on_call": False, "bare": False}
    for name in flags:
        if name in values:
            flag = values[name][1]
            if not isinstance(flag, yaml.ScalarNode) or flag.tag != "tag:yaml.org,2002:bool":
                msg = f"situation '{sid}': {name} must be true or false"
                problems.append(Problem(where, line_of(flag), msg))
            else:
                flags[name] = str(flag.value).lower() == "true"
    if problems:
        return None, problems
    situation = Situation(
        sid,
        group,
        flags["unnamed"],
        flags["on_call"],
        tuple(lists),
        tuple(needs),
        line,
        tuple(excluded),
        flags["bare"],
    )
    return situation, []


def load_situations(knowledge_dir: Path) -> tuple[SituationsFile, list[Problem]]:
    """`situations.yaml` (optional) and its problems as `path:line: message`.

    Passage ids under `numbers:` and the articles' `situations:` tags are checked against the
    articles by index.validation, which has them.
    """
    path = knowledge_dir / SITUATIONS_FILE
    where = str(path)
    root, problems = compose_file(path)
    nodes, found = known_keys(root, where, TOP_KEYS)
    problems += found

    def items(name: str, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
        found, shape = mapping_items(nodes.get(name), where, what)
        problems.extend(shape)
        return found

    who: dict[str, list[str]] = {}
    for key, value in items("who", "who: a mapping of groups to phrases"):
        who[str(key.value)], found = phrase_list(value, where, f"who.{key.value}")
        problems += found
    lists: dict[str, list[str]] = {}
    for name in LISTS:
        if name in nodes:
            lists[name], found = phrase_list(nodes[name], where, name)
            problems += found
    for phrase in sorted(set(lists.get("told", [])) - set(lists.get("now", []))):
        msg = f"told: '{phrase}' is not one of the now: phrases"
        problems.append(Problem(where, line_of(nodes["told"]), msg))
    phrases: dict[str, list[str]] = {}
    for key, value in items("phrases", "phrases: a mapping of names to phrases"):
        phrases[str(key.value)], found = phrase_list(value, where, f"phrases.{key.value}")
        problems += found
    max_words = MAX_WORDS
    if "max_words" in nodes:
        node = nodes["max_words"]
        count = text_of(node)
        if node.tag != "tag:yaml.org,2002:int" or count is None or int(count) < 1:
            problems.append(Problem(where, line_of(node), "max_words must be a positive number"))
        else:
            max_words = int(count)
    passages: dict[str, dict[str, tuple[str, int]]] = {"numbers": {}, "finding": {}}
    for name, found_ids in passages.items():
        for key, value in items(name, f"{name}: a mapping of needs to passage ids"):
            need, pid = str(key.value), text_of(value)
            if need not in NEEDS:
                msg = f"{name}: unknown need '{need}' (use {', '.join(NEEDS)})"
                problems.append(Problem(where, line_of(key), msg))
            elif pid is None or "#" not in pid:
                msg = f"{name}.{need} must be a passage id, <article-id>#<anchor>"
                problems.append(Problem(where, line_of(value), msg))
            else:
                found_ids[need] = (pid, line_of(value))

    def by_need(name: str) -> dict[str, str]:
        return {need: pid for need, (pid, _) in passages[name].items()}

    situations: list[Situation] = []
    lines: dict[str, int] = {}
    for key, value in items("situations", "situations: a mapping of ids to fields"):
        if str(key.value) in lines:
            msg = f"duplicate situation '{key.value}' (also line {lines[str(key.value)]})"
            problems.append(Problem(where, line_of(key), msg))
            continue
        situation, found = _situation(key, value, where, who, phrases)
        problems += found
        lines[str(key.value)] = line_of(key)
        if situation is not None:
            situations.append(situation)
    loaded = Situations(
        who,
        lists.get("now", []),
        lists.get("call", []),
        phrases,
        situations,
        by_need("numbers"),
        max_words,
        find=lists.get("find", []),
        finding=by_need("finding"),
        past=lists.get("past", []),
        still=lists.get("still", []),
        told=lists.get("told", []),
        long_ago=lists.get("long_ago", []),
        plain=lists.get("plain", []),
        conditional=lists.get("conditional", []),
    )
    return SituationsFile(path, loaded, passages, lines), problems
