"""find_span: model-given strings located verbatim in the article, offsets into the original text."""

from __future__ import annotations

import pytest

from agent.text.spans import contains_words, find_span, normalized_view, span_at

SOURCE = (
    "Der Minister sagte: „Wir bleiben hart.“ Danach  ging er\nnach Hause. "
    'Die Strasse war leer – ganz leer. Er nannte das Treffen "schwierig".'
)


@pytest.mark.parametrize(
    ("candidate", "expected_text", "match"),
    [
        ("Wir bleiben hart.", "Wir bleiben hart.", "exact"),
        ("  sagte  ", "sagte", "exact"),  # surrounding whitespace of the candidate is ignored
        ("„Wir bleiben hart“", "Wir bleiben hart", "normalized"),  # typographic marks around it
        ('"Wir bleiben hart."', "Wir bleiben hart", "normalized"),  # straight marks instead of „“
        ("Danach ging er nach Hause", "Danach  ging er\nnach Hause", "normalized"),  # whitespace folded
        ("Die Strasse war leer - ganz leer", "Die Strasse war leer – ganz leer", "normalized"),  # dash
        ("das Treffen „schwierig“", 'das Treffen "schwierig', "normalized"),  # inner marks unified
        ("danach ging er", "Danach  ging er", "normalized"),  # case folded as a last resort
    ],
)
def test_find_span_matches(candidate: str, expected_text: str, match: str) -> None:
    span = find_span(SOURCE, candidate)
    assert span is not None
    assert span.text == expected_text
    assert span.match == match
    assert SOURCE[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "candidate",
    ["Wir bleiben weich", "", "   ", "„“", "Minister sagte nichts", "Hause. Die Strasse war voll"],
)
def test_find_span_not_found_returns_none(candidate: str) -> None:
    assert find_span(SOURCE, candidate) is None


def test_find_span_exact_offsets() -> None:
    span = find_span(SOURCE, "Minister")
    assert (span.start, span.end) == (4, 12)


def test_find_span_start_skips_earlier_occurrences() -> None:
    text = "Er sagte ja. Später sagte er nein."
    assert find_span(text, "sagte").start == 3
    assert find_span(text, "sagte", start=4).start == 20
    assert find_span(text, "„Er sagte ja“", start=4) is None  # only occurrence lies before start


def test_find_span_nfkc_ligature_maps_back_to_original_characters() -> None:
    text = "Das ist ein ﬁnaler Entwurf."
    span = find_span(text, "finaler Entwurf")
    assert span is not None and span.match == "normalized"
    assert span.text == "ﬁnaler Entwurf"
    assert text[span.start : span.end] == span.text


def test_normalized_view_index_points_into_source() -> None:
    text = "„A“  –\tB"
    norm, index = normalized_view(text)
    assert norm == '"A" - B'
    assert len(index) == len(norm)
    assert [text[i] for i in index] == ["„", "A", "“", " ", "–", "\t", "B"]


def test_span_at_is_exact_slice() -> None:
    span = span_at(SOURCE, 4, 12)
    assert (span.text, span.start, span.end, span.match) == ("Minister", 4, 12, "exact")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("russisches Außenministerium", True),  # inflected forms in the source
        ("Außenministerium", True),
        ("Marco Rubio", False),
        ("", False),
    ],
)
def test_contains_words(phrase: str, expected: bool) -> None:
    source = "Eine Sprecherin des russischen Außenministeriums wies das zurück."
    assert bool(contains_words(source, phrase)) is expected


def test_find_span_case_fallback_does_not_depend_on_unrelated_eszett() -> None:
    without = "Danach ging er nach Hause. Die Strasse war leer."
    with_eszett = "Danach ging er nach Hause. Die Straße war leer."
    assert find_span(without, "danach ging er") is not None
    span = find_span(with_eszett, "danach ging er")
    assert span is not None and span.text == "Danach ging er"
