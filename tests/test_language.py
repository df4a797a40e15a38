"""Language guess: the detector when it is sure, function words when it is not; the reply rule."""

from __future__ import annotations

import pytest

from index.language import detect_language, language_of_tag, reply_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¿Tengo que abrir la puerta a la policía?", "es"),
        ("Do I have to open the door to the police?", "en"),
        # Short or mixed: the statistical detector is unsure of these.
        ("hola", "es"),
        ("va a llover mañana en queens?", "es"),
        ("orden de cateo??", "es"),
        ("best phone to buy in 2026 under $500", "en"),
        # Texting shorthand the detector reads as Spanish with full confidence.
        ("shld i lock my fone b4 the march tmrw", "en"),
        # Spanish texting shorthand ("q" for "qué", "xq" for "por qué").
        ("q es clearview?", "es"),
        ("xq usan signal?", "es"),
        # Nothing to go on: the caller's setting decides.
        ("ok", None),
        ("Face ID", None),
        ("🙂🙂", None),
        # Letters in no language and bare links: the detector is sure they are Spanish.
        ("asdkjh qwe zzz", None),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("question", "tag", "expected"),
    [
        ("¿Tengo que abrir la puerta a la policía?", "en", "es"),
        ("Do I have to open the door to the police?", "es", "en"),
        ("Face ID", "es-MX", "es"),
        ("Face ID", "de", "en"),
        ("", None, "en"),
        ("", "es", "es"),
    ],
)
def test_reply_language(question: str, tag: str | None, expected: str) -> None:
    """A confident guess from the text, else the person's language, else English."""
    assert reply_language(language_of_tag(tag), question) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("es", "es"), ("es-MX", "es"), ("ES", "es"), ("en-GB", "en"), ("de", None), (None, None)],
)
def test_language_of_tag(tag: str | None, expected: str | None) -> None:
    assert language_of_tag(tag) == expected
