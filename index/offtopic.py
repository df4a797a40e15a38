"""Off-topic examples (`knowledge/offtopic.yaml`): questions the bot should not answer.

They are never shown. The index embeds them, and the abstention gate weighs how close a
question comes to the nearest one (see index.confidence), which catches near-domain questions
("how do I become a police officer?") that a score threshold alone lets through.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from index.errors import Problem

OFFTOPIC_FILE = "offtopic.yaml"
LANGS = ("en", "es")
MAX_CHARS = 500


def load_offtopic(knowledge_dir: Path) -> tuple[list[str], list[Problem]]:
    """The examples in file order (English, then Spanish), and any problems with the file.

    The file is optional: without it the gate's off-topic feature is simply 0.
    """
    path = knowledge_dir / OFFTOPIC_FILE
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as exc:
        return [], [Problem(where, 1, f"unreadable: {exc}")]
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(where, mark.line + 1 if mark else 1, f"bad YAML: {exc}")]
    if root is None:
        return [], []
    if not isinstance(root, yaml.MappingNode):
        return [], [Problem(where, root.start_mark.line + 1, "must map 'en' and 'es' to lists")]
    examples: list[str] = []
    problems: list[Problem] = []
    for key, value in root.value:
        line = key.start_mark.line + 1
        if key.value not in LANGS:
            problems.append(Problem(where, line, f"unknown key '{key.value}' (use en, es)"))
            continue
        if not isinstance(value, yaml.SequenceNode):
            problems.append(Problem(where, line, f"'{key.value}' must be a list of questions"))
            continue
        for item in value.value:
            at = item.start_mark.line + 1
            if not isinstance(item, yaml.ScalarNode) or not str(item.value).strip():
                problems.append(Problem(where, at, "each example must be a non-empty string"))
            elif len(item.value) > MAX_CHARS:
                problems.append(Problem(where, at, f"example longer than {MAX_CHARS} characters"))
            else:
                examples.append(str(item.value).strip())
    return examples, problems
