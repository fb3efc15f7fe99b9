"""detect_language on short news sentences, and language names."""

from __future__ import annotations

import pytest

from agent.text.language import detect_language, language_name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.", "de"),
        ("The government announced on Wednesday a new law to promote renewable energy.", "en"),
        ("Le gouvernement a annoncé mercredi une nouvelle loi pour promouvoir les énergies renouvelables.", "fr"),
        ("El gobierno anunció el miércoles una nueva ley para promover las energías renovables.", "es"),
        ("Правительство в среду объявило о новом законе о возобновляемой энергии.", "ru"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    found, confidence = detect_language(text)
    assert found == code
    assert 0.5 < confidence <= 1.0


@pytest.mark.parametrize("text", ["", "12345 !!! ...", "   \n "])
def test_no_language(text: str) -> None:
    assert detect_language(text) == ("und", 0.0)


@pytest.mark.parametrize(("code", "name"), [("de", "German"), ("fr", "French"), ("ru", "Russian"), ("xx", "xx")])
def test_language_name(code: str, name: str) -> None:
    assert language_name(code) == name
