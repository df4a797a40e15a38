"""Spelling correction of questions, toward the words the knowledge base itself uses.

A word is corrected only when it has 4+ letters and is unknown both to the knowledge base
(passage texts and asked-as keys in both languages, glossary terms, place names) and to a
general dictionary of the question's language (wordfreq's list of that language, without its
rarest words), directly or as an inflection of a word they know (a word that is only a stem,
like "faec" from "faeces", is a typo, and so is one the stemmer reads as inflected when it is
one edit from a word of the base: "facila"). A known word is never changed: a general dictionary
alone turns "shld" into "sold". Neither are names inside a sentence or acronyms ("ITIN"),
but for an acronym one edit from one the base writes ("BIPZA" for "BIPA"). A
correction prefers the knowledge base's own words (those keyword search and the asked-as keys
can match): its nearest within one edit, else the dictionary's most frequent within one edit,
else, for long words, the base's within two.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

from symspellpy import SymSpell, Verbosity

from index.glossary import Glossary
from index.lexical import STOPWORDS, fold, shouted, stemmer
from index.models import Lang
from index.places import Places

MIN_LETTERS = 4
MAX_LETTERS = 24  # longer "words" are links or keyboard mashing, not typos
# One edit for short words, two from this length on: a 4-letter word is one edit away from
# dozens of others, a long one from almost none.
LONG_WORD = 8
# A long message of unknown words (a pasted list, another alphabet) is not a typo'd question:
# bound the lookups per question so hostile input costs no more than an ordinary one.
MAX_LOOKUPS = 12
# Letters with whole words and apostrophes inside ("where's" is one token, never "where").
TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
LETTERS = re.compile(r"[^\W\d_]+")
POSSESSIVE = re.compile(r"['’]s$")
# An acronym as the base writes it ("BIPA", "EXIF", "DACA"): two or more capitals.
ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
VOWELS = frozenset("aeiouy")
# Endings joined to a known word: English contractions typed without their apostrophe
# (they're, isn't, we'll, I've, I'd...), Spanish pronouns attached to a verb ("enséñame",
# "consíguemelo", "dáselo"; the accent they add is folded away).
ATTACHED: dict[Lang, tuple[str, ...]] = {
    "en": ("nt", "re", "ll", "ve", "d", "s", "m"),
    "es": (
        *("melo", "mela", "melos", "melas", "selo", "sela", "selos", "selas", "telo"),
        *("nos", "les", "los", "las", "me", "te", "le", "lo", "la", "se"),
    ),
}
# "n't" joins only these ("dont", "cant", "wouldnt"): "awnt" is no contraction of "aw".
# The other English endings join only pronouns and question words ("hes", "whats", "theyre",
# "ill"): "coss" is "cops" misspelt, not "cos" with an "'s".
# fmt: off
NEGATABLE = frozenset({
    "do", "does", "did", "is", "are", "was", "were", "have", "has", "had", "ca", "wo",
    "could", "would", "should", "must", "might", "need", "ai", "sha",
})
CONTRACTING = frozenset({
    "i", "you", "he", "she", "it", "we", "they", "that", "this", "what", "wat", "wut", "who",
    "where", "when", "why", "how", "there", "here", "let", "everyone", "everybody", "someone",
    "somebody", "nobody", "something", "nothing", "everything",
})
# fmt: on
SENTENCE_END = frozenset(".!?¿¡\n")
LANGS: tuple[Lang, ...] = ("en", "es")
# How common a word must be for the general dictionary to know it outright, in wordfreq's
# zipf scale (log10 of uses per billion words; 3.0 is once in a million). Rarer words down to
# RARE_MIN_ZIPF are real but rare ("gouge", "tamper", "rastreador"): they are corrected only
# toward a word RARE_RATIO times as common, because one edit from a common word they are more
# likely a typo of it ("stoped") than the rare word itself. Chosen on misspelt dev questions
# by cross-validation (`python -m index eval --folds 5 --misspell 7`): false abstention 0.057
# at 100, 0.067 at 1000; COMMON_ZIPF 3.0 against 2.0 and 2.5 the same way.
COMMON_ZIPF = 3.0
RARE_MIN_ZIPF = 1.5
RARE_RATIO = 100
# How strongly a candidate's company (`Company.fit`) leans toward words of all documents
# alike: with few documents beside a candidate, the question's words count for less.
COMPANY_PRIOR = 20.0
# How much likelier a typo keeps the first letter ("polise" is "police", not "noise"): as a
# factor on the candidate's odds.
FIRST_LETTER_ODDS = 4.0


class Lexicon(NamedTuple):
    """A general dictionary: its folded common words with their frequencies (uses per billion
    words), their stems, and its rare words with theirs."""

    words: dict[str, int]
    stems: frozenset[str]
    letters: str  # what a typo may insert or substitute
    rare: dict[str, int]

    def frequency(self, word: str) -> int:
        """How often a word is used; a word of the knowledge base that the dictionary lacks
        ("clearview") counts as common."""
        return self.words.get(word) or self.rare.get(word) or _per_billion(COMMON_ZIPF)


def _per_billion(zipf: float) -> int:
    return round(math.pow(10.0, zipf))


def _stems(words: Iterable[str], lang: Lang) -> frozenset[str]:
    return frozenset(stemmer(lang).stemWords(list(words)))


@lru_cache(maxsize=2)
def general_lexicon(lang: Lang) -> Lexicon:
    """A general dictionary of `lang` (loaded once per process, not per index).

    wordfreq's list of the language: common words (COMMON_ZIPF), and rare ones down to
    RARE_MIN_ZIPF (below that its long tail holds the typos themselves: "nesesito"). Stems of
    common words count too: a word whose stem is known already matches by keyword.
    """
    import wordfreq

    words: Counter[str] = Counter()
    rare: Counter[str] = Counter()
    # wordfreq files words in buckets of one centibel: bucket i holds words used 10^(-i/100)
    # of the time, 10^(9 - i/100) times per billion words.
    buckets = wordfreq.get_frequency_list(lang, wordlist="large")
    for i, bucket in enumerate(buckets[: round((9 - RARE_MIN_ZIPF) * 100) + 1]):
        uses = _per_billion(9 - i / 100)
        target = words if uses >= _per_billion(COMMON_ZIPF) else rare
        for word in bucket:
            if LETTERS.fullmatch(word):
                target[fold(word)] += uses
    # wordfreq keeps every list it reads for the life of the process: 60 MB a language.
    wordfreq.get_frequency_list.cache_clear()
    letters = string.ascii_lowercase + ("ñ" if lang == "es" else "")
    return Lexicon(dict(words), _stems(words, lang), letters, dict(rare))


class Company:
    """Which words of the knowledge base appear together: the documents (passages and
    asked-as keys) of one language that use each word.

    It decides between corrections one edit away alike by the rest of the question: "las otos
    guardan la ubicación" is "fotos" (which the base writes beside "ubicación"), not "otros";
    "did i just give away my lrights" is "rights", not "lights". A smoothed estimate of how
    likely the question's other words are beside each candidate (`fit`).
    """

    def __init__(self, documents: Iterable[Iterable[str]]) -> None:
        postings: dict[str, set[int]] = {}
        total = 0
        for total, words in enumerate(documents, 1):
            for word in words:
                postings.setdefault(word, set()).add(total)
        self._postings = {w: frozenset(ids) for w, ids in postings.items()}
        self._total = total

    def fit(self, candidate: str, context: Iterable[str]) -> float:
        """log P(candidate) + sum of log P(word | candidate) over the context's words, with
        Dirichlet smoothing toward each word's share of all documents (COMPANY_PRIOR)."""
        own = self._postings.get(candidate, frozenset())
        score = math.log(len(own) + 1)
        for word in context:
            beside = self._postings.get(word)
            if beside is None or word == candidate:
                continue
            share = len(beside) / self._total
            score += math.log(
                (len(own & beside) + COMPANY_PRIOR * share) / (len(own) + COMPANY_PRIOR)
            )
        return score


def _edits(word: str, letters: str) -> set[str]:
    """Every string one insert, delete, substitution or swap of adjacent letters away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    swaps = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    substitutes = [a + c + b[1:] for a, b in splits if b for c in letters]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + swaps + substitutes + inserts)


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Folded words of `texts` with how often the knowledge base uses each."""
    raw: Counter[str] = Counter()
    for text in texts:
        # "doesn't" counts as "doesnt" too, the way people type it without the apostrophe.
        raw.update(t.replace("'", "").replace("’", "") for t in TOKEN.findall(text.lower()))
    # Folding word by word, and only words with accents: folding whole passages is slow.
    counts: Counter[str] = Counter()
    for word, count in raw.items():
        counts[word if word.isascii() else fold(word)] += count
    return counts


def _is_name(text: str, start: int, word: str, shouting: bool) -> bool:
    """A capitalised word inside a sentence, or one with capitals inside ("ITIN", "iPhone")."""
    if shouting or word.islower():
        return False
    if any(c.isupper() for c in word[1:]):
        return True
    before = text[:start].rstrip()
    return bool(before) and before[-1] not in SENTENCE_END


class Speller:
    """Corrects unknown words of a question; built once per index load from its vocabulary.

    `counts`: the base's words of each language with how often it uses them; `shared`: words
    of no one language (glossary terms and their English words, place names); `acronyms`:
    the folded acronyms the base writes.
    """

    def __init__(
        self,
        counts: Mapping[Lang, Counter[str]],
        shared: Counter[str],
        acronyms: frozenset[str] = frozenset(),
        company: Mapping[Lang, Company] | None = None,
    ) -> None:
        every: Counter[str] = Counter(shared)
        for lang_counts in counts.values():
            every.update(lang_counts)
        self.known = frozenset(every)
        self._acronyms = acronyms
        self._company = dict(company or {})
        self._stems = {lang: _stems(every, lang) for lang in LANGS}
        self._spell: dict[Lang, SymSpell] = {}
        for lang in LANGS:
            # Corrections stay in the question's language: "eres" is no typo of "eyes".
            own = Counter(shared) + counts.get(lang, Counter())
            spell = self._spell[lang] = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
            for word, count in own.items():
                # Shorter words are never corrected toward: most words are one edit from one.
                if len(word) >= MIN_LETTERS:
                    spell.create_dictionary_entry(word, count)

    def correct(self, text: str, lang: Lang) -> str:
        """`text` with each unknown, misspelt word replaced by the base's nearest word."""
        if not self.known:
            return text
        general = general_lexicon(lang)
        # Shouted messages capitalise every word: no word is a name for being capitalised.
        shouting = shouted(text)
        out: list[str] = []
        last = lookups = 0
        context: frozenset[str] | None = None  # read once, and only if a word needs fixing
        for match in TOKEN.finditer(text):
            typed = POSSESSIVE.sub("", match.group())  # "officer's": correct "officer"
            word = fold(typed)
            if not MIN_LETTERS <= len(word) <= MAX_LETTERS or "'" in word or "’" in word:
                continue  # short, or a contraction ("doesn't")
            if word in self.known or word in general.words or _attached(word, lang, general):
                continue
            name = _is_name(text, match.start(), typed, shouting)
            if name and not typed.isupper():
                continue  # a name inside a sentence ("Jamla"), or mixed case ("iPhone")
            if lookups == MAX_LOOKUPS:
                break
            lookups += 1
            if name:
                fixed = self._acronym(word, lang)
            else:
                context = self._context(text) if context is None else context
                fixed = self._fix(word, lang, general, context)
            rare = general.rare.get(word)
            if fixed is not None and rare is not None:
                # A rare real word stays unless the correction is far more common.
                fixed = fixed if general.frequency(fold(fixed)) >= RARE_RATIO * rare else None
            if fixed is not None:
                out += [text[last : match.start()], fixed]
                last = match.start() + len(typed)
        return "".join(out) + text[last:] if out else text

    def _context(self, text: str) -> frozenset[str]:
        """The question's known content words: what a correction should fit beside."""
        words = (fold(t) for t in TOKEN.findall(text))
        return frozenset(
            w for w in words if len(w) >= MIN_LETTERS and w in self.known and w not in STOPWORDS
        )

    def _acronym(self, word: str, lang: Lang) -> str | None:
        """An unknown acronym one edit from one the base writes ("BIPZA") is a typo of it; any
        other is left as typed ("ITIN")."""
        fixed = self._nearest(word, lang, frozenset())
        return fixed.upper() if fixed in self._acronyms else None

    def _fix(self, word: str, lang: Lang, general: Lexicon, context: frozenset[str]) -> str | None:
        """The correction of one word unknown to every dictionary, or None."""
        stem = stemmer(lang).stemWord(word)
        if stem != word and (stem in self._stems[lang] or stem in general.stems):
            # Inflected like a known word ("moms", "rompen"), unless it is one edit from a
            # word of the base: "facila" ends like "fácil" inflected, and is "facial".
            return self._nearest(word, lang, context)
        # A word that is its own stem and no dictionary's word is a cut-off, not an
        # inflection: "faec" is the stem of "faeces", and a typo of "face".
        return self.suggest(word, lang, general, context)

    def suggest(
        self, word: str, lang: Lang, general: Lexicon, context: frozenset[str]
    ) -> str | None:
        """The nearest known word, the knowledge base's first, or None.

        The base's within one edit, else the dictionary's, else the base's within two edits
        (long words only). Ties go as `_best` says.
        """
        spell = self._spell[lang]
        if found := self._nearest(word, lang, context):
            return found
        near = [(w, general.words[w]) for w in _edits(word, general.letters) if w in general.words]
        if near := [(w, count) for w, count in near if len(w) >= MIN_LETTERS]:
            return _best(near, word, self._fit(lang, context))
        if len(word) >= LONG_WORD:
            found = spell.lookup(word, Verbosity.CLOSEST, max_edit_distance=2)
            terms = [(s.term, s.count) for s in found]
            return _best(terms, word, self._fit(lang, context)) if found else None
        return None

    def _nearest(self, word: str, lang: Lang, context: frozenset[str]) -> str | None:
        """The knowledge base's nearest word within one edit, or None."""
        found = self._spell[lang].lookup(word, Verbosity.CLOSEST, max_edit_distance=1)
        terms = [(s.term, s.count) for s in found]
        return _best(terms, word, self._fit(lang, context)) if found else None

    def _fit(self, lang: Lang, context: frozenset[str]) -> Callable[[str], float]:
        """How well a candidate fits beside the question's other words (Company.fit)."""
        company = self._company.get(lang)
        if company is None or not context:
            return lambda candidate: 0.0
        return lambda candidate: company.fit(candidate, context)


def _attached(word: str, lang: Lang, general: Lexicon) -> bool:
    """A common word with a contraction or pronoun joined to it ("theyre", "ensename")."""
    for end in ATTACHED[lang]:
        base = word[: -len(end)]
        if word.endswith(end) and base in general.words and _joins(base, end, lang):
            return True
    return False


def _joins(base: str, end: str, lang: Lang) -> bool:
    """Whether `end` can join `base`: any verb takes a Spanish pronoun; an English contraction
    takes only the words that contract (NEGATABLE, CONTRACTING)."""
    if lang != "en":
        return True
    return base in (NEGATABLE if end == "nt" else CONTRACTING)


def _best(candidates: list[tuple[str, int]], typed: str, fit: Callable[[str], float]) -> str:
    """The candidate the typed word swaps two adjacent letters of; else the one that fits the
    question's other words best (`fit`), with a candidate sharing the typed word's first letter
    FIRST_LETTER_ODDS times likelier; then the most frequent.

    A swap keeps every letter of the word, so it explains the typo best: "awnt" is "want",
    not "aunt"; "alst" is "last", not "also". Other typos seldom hit the first letter.
    """

    def key(c: tuple[str, int]) -> tuple[bool, float, int]:
        first = math.log(FIRST_LETTER_ODDS) if c[0][0] == typed[0] else 0.0
        return (_swapped(c[0], typed), fit(c[0]) + first, c[1])

    return max(candidates, key=key)[0]


def _swapped(word: str, typed: str) -> bool:
    """Whether `typed` is `word` with two adjacent letters in the wrong order."""
    if len(word) != len(typed):
        return False
    differ = [i for i, (a, b) in enumerate(zip(word, typed, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and (word[differ[0]], word[differ[1]]) == (typed[differ[1]], typed[differ[0]])
    )


def _kept(word: str, passage_words: Counter[str], common: Mapping[str, int]) -> bool:
    """Whether an asked-as key's word is a word of the base, not a typo of one: a passage's
    word, a common word of the language ("cops", one edit from the passages' "copy"), or one
    no passage word is one edit from."""
    if word in passage_words or word in common or not VOWELS & set(word):
        return True
    return not _edits(word, string.ascii_lowercase) & passage_words.keys()


def knowledge_speller(
    passages: Iterable[tuple[Lang, str]],
    keys: Iterable[tuple[Lang, str]],
    glossary: Glossary,
    places: Places,
) -> Speller:
    """The speller of one knowledge base.

    `passages` and `keys`: the text of each passage and asked-as key, with its language;
    glossary terms, their English words and place names belong to no one language.
    """
    counts: dict[Lang, Counter[str]] = {}
    documents: dict[Lang, list[Iterable[str]]] = {}
    acronyms: set[str] = set()
    for lang, text in passages:
        words = vocabulary([text])
        counts.setdefault(lang, Counter()).update(words)
        documents.setdefault(lang, []).append(words.keys())
        acronyms.update(fold(a) for a in ACRONYM.findall(text))
    # Loaded here, once per process, so no question waits for them.
    common = {lang: general_lexicon(lang).words for lang in LANGS}
    for lang, text in keys:
        own = counts.setdefault(lang, Counter())
        words = vocabulary([text])
        documents.setdefault(lang, []).append(words.keys())
        # Keys are written the way people type, typos included ("facial recogntion"): a key's
        # word one edit from a passage's word and no common word is that word misspelt, not
        # a word to keep; one without vowels is an abbreviation ("shld"), kept.
        own.update({w: n for w, n in words.items() if _kept(w, own, common[lang])})
    shared = vocabulary([*glossary.terms, *glossary.terms.values()])
    shared.update(vocabulary([*places.covered, *places.uncovered]))
    company = {lang: Company(docs) for lang, docs in documents.items()}
    return Speller(counts, shared, frozenset(acronyms), company)


NO_SPELLER = Speller({}, Counter())
