"""find_loaded_terms: the lexicon of loaded words, found with offsets and a note."""

from __future__ import annotations

import pytest

from agent.text.loaded_terms import find_loaded_terms


def test_machthaber_found_with_offset_and_note() -> None:
    text = "Der Machthaber in Kiew ließ die Opposition verhaften."
    (term,) = find_loaded_terms(text, "de")
    assert term.term == "Machthaber"
    assert (term.span.start, term.span.end) == (4, 14)
    assert text[term.span.start : term.span.end] == "Machthaber"
    assert term.note is not None and "legitimacy" in term.note


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Die Regierung in Kiew beschloss am Montag ein neues Gesetz."),
        ("en", "The government in Kyiv passed a new law on Monday."),
        ("fr", "Le gouvernement a adopté une nouvelle loi lundi."),
        ("ja", "The Kiev regime is a term, but there is no Japanese lexicon."),
    ],
)
def test_neutral_text_has_no_loaded_terms(language: str, text: str) -> None:
    assert find_loaded_terms(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("de", "Die sogenannten Experten lobten das Regime.", ["sogenannten", "Regime"]),
        ("de", "Das Kiewer Regime und die Junta.", ["Kiewer Regime", "Junta"]),
        ("en", "The Kiev regime and its puppets.", ["Kiev regime", "puppets"]),
        ("fr", "Le régime de la junte a parlé.", ["régime", "junte"]),
        ("de", "Ein Regimekritiker sprach.", ["Regimekritiker"]),  # word starts, endings allowed
        ("en", "A pre-regime era.", []),  # not inside a hyphenated word
    ],
)
def test_lexicon_hits_in_text_order(language: str, text: str, expected: list[str]) -> None:
    terms = find_loaded_terms(text, language)
    assert [t.term for t in terms] == expected
    for t in terms:
        assert text[t.span.start : t.span.end] == t.term


def test_first_occurrence_only_case_insensitive() -> None:
    text = "Das Regime schweigt. Später sprach das REGIME doch."
    terms = find_loaded_terms(text, "de")
    assert [(t.term, t.span.start) for t in terms] == [("Regime", 4)]
