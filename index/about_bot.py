"""Questions about kyr-bot itself, found by their words (`knowledge/about_bot.yaml`).

"Do you save my messages? Could ICE get what I tell you?" names ICE, and searched it was
answered with whether one must tell ICE one's status; the off-topic examples about the bot
(index.offtopic, subject "bot") catch such a question only when nothing the base knows comes
close. A person asking whether the bot is safe to talk to needs that answer first, so a message
holding one of these phrases is answered with what the bot is and exactly what it keeps
(/privacy), whatever else it names; a message about something happening now still leads with
its steps (index.urgent). "You" is also everyone's "you" ("do you have to show ID?", "¿qué
pasa si te arrestan?"), so the phrases are those only a question to the bot uses, and the
file's `examples` (must match) and `not` (must not) are checked at validation.

A message that only greets or thanks ("hola", "hi there!", "gracias 🙏") is no question the
base could answer: the bot greets back with what it does (`greets`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from index.errors import Problem
from index.phrases import normal, phrase_list, phrase_pattern
from index.yamlfile import compose_file, known_keys, line_of, texts_with_lines

ABOUT_BOT_FILE = "about_bot.yaml"
# A phrase right after these is a condition about anyone, not a question to the bot.
CONDITIONAL = re.compile(r"\b(if|si)\s+$")
KEYS = ("phrases", "greetings", "examples", "not")


@dataclass(frozen=True)
class AboutBot:
    """The compiled phrases; the empty one (no file) finds no question about the bot."""

    pattern: re.Pattern[str] | None = None
    greeting: re.Pattern[str] | None = None

    def greets(self, text: str) -> bool:
        """Whether the text says nothing but a greeting or thanks ("hola!!", "hi there 👋")."""
        if self.greeting is None:
            return False
        folded = normal(text)
        rest = self.greeting.sub(" ", folded)
        return rest != folded and not re.search(r"\w", rest)

    def asks(self, text: str) -> bool:
        """Whether the text asks about the bot itself: a phrase not right after "if" or "si"
        ("si eres una persona indocumentada, ¿puedes ir a una marcha?" is everyone's "you")."""
        if self.pattern is None:
            return False
        folded = normal(text)
        return any(
            not CONDITIONAL.search(folded[: m.start()]) for m in self.pattern.finditer(folded)
        )


NO_ABOUT_BOT = AboutBot()


def load_about_bot(knowledge_dir: Path) -> tuple[AboutBot, list[Problem]]:
    """The phrases of `about_bot.yaml` (optional), checked against its own examples."""
    path = knowledge_dir / ABOUT_BOT_FILE
    where = str(path)
    root, problems = compose_file(path)
    if root is None:
        return NO_ABOUT_BOT, problems
    nodes, found = known_keys(root, where, KEYS)
    problems += found
    if "phrases" not in nodes:
        problems.append(Problem(where, line_of(root), "missing 'phrases:' (en: and es: lists)"))
        return NO_ABOUT_BOT, problems
    phrases, found = phrase_list(nodes["phrases"], where, "phrases")
    problems += found
    greetings: list[str] = []
    if "greetings" in nodes:
        greetings, found = phrase_list(nodes["greetings"], where, "greetings")
        problems += found
    about = AboutBot(phrase_pattern(phrases), phrase_pattern(greetings))
    for name, wanted, verb in (("examples", True, "is not found"), ("not", False, "is found")):
        if name not in nodes:
            continue
        for text, line in texts_with_lines(nodes[name], name, where, problems):
            if about.asks(text) != wanted:
                problems.append(Problem(where, line, f"{name}: '{text}' {verb}"))
    return about, problems
