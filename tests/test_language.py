"""Language guess: the detector when it is sure, function words when it is not."""

from __future__ import annotations

import pytest

from index.language import detect_language


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
        # Nothing to go on: the caller's setting decides.
        ("ok", None),
        ("Face ID", None),
        ("🙂🙂", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected
