"""split_sentences (abbreviations, ordinals, offsets) and attribution_units (quotes across sentences)."""

from __future__ import annotations

import pytest

from agent.text.quotes import find_quotes
from agent.text.sentences import Sentence, attribution_units, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das gilt z. B. für Berlin. Dann kam Dr. Meier an.", ["Das gilt z. B. für Berlin.", "Dann kam Dr. Meier an."]),
        ("Am 25. Juni kam er. Danach ging er.", ["Am 25. Juni kam er.", "Danach ging er."]),
        ("Das kostet 3 Mio. Euro. Dann mehr.", ["Das kostet 3 Mio. Euro.", "Dann mehr."]),
        ("The U.S. Army denied it. Then it left.", ["The U.S. Army denied it.", "Then it left."]),
        ("Mr. Smith arrived. He sat down.", ["Mr. Smith arrived.", "He sat down."]),
        ("M. Macron a dit non. Puis il est parti.", ["M. Macron a dit non.", "Puis il est parti."]),
        ("Er wurde 2019 gewählt. 2024 trat er ab.", ["Er wurde 2019 gewählt.", "2024 trat er ab."]),
        ("Wer kommt? Niemand! Gut… Ja.", ["Wer kommt?", "Niemand!", "Gut…", "Ja."]),
        ("„Wir gehen.“ Dann ging er.", ["„Wir gehen.“", "Dann ging er."]),
        ("Er kam um 8 Uhr. und ging.", ["Er kam um 8 Uhr. und ging."]),  # no split before lower case
        ("Erste Zeile ohne Punkt\nZweite Zeile.", ["Erste Zeile ohne Punkt", "Zweite Zeile."]),
        ("Absatz eins.\n\n  Absatz zwei.  ", ["Absatz eins.", "Absatz zwei."]),
        ("Ein Satz ohne Ende", ["Ein Satz ohne Ende"]),
        ("", []),
        ("   \n\n  ", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()


def test_offsets_are_increasing_and_cover_the_text() -> None:
    text = "Der Bundestag tagte am 3. Oktober. Die Opposition protestierte!\nDanach: Ruhe."
    sentences = split_sentences(text)
    assert [(s.start, s.end) for s in sentences] == [(0, 34), (35, 63), (64, 77)]
    gaps = [text[a.end : b.start] for a, b in zip(sentences, sentences[1:], strict=False)]
    assert gaps == [" ", "\n"]  # nothing but the whitespace between sentences is left out


def test_attribution_units_merge_a_quote_across_sentences() -> None:
    text = "Er sagte: „Wir gehen. Sofort. Ohne Pause.“ Dann ging er. Sie blieb."
    sentences = split_sentences(text)
    assert len(sentences) == 5
    units = attribution_units(text, sentences, find_quotes(text))
    assert [u.text for u in units] == [
        "Er sagte: „Wir gehen. Sofort. Ohne Pause.“",
        "Dann ging er.",
        "Sie blieb.",
    ]
    for u in units:
        assert text[u.start : u.end] == u.text


def test_attribution_units_without_quotes_are_the_sentences() -> None:
    text = "Erster Satz. Zweiter Satz. Dritter Satz."
    sentences = split_sentences(text)
    assert attribution_units(text, sentences, []) == sentences
    assert sentences[1] == Sentence(13, 26, "Zweiter Satz.")


def test_attribution_units_keep_separate_quotes_apart() -> None:
    text = "„Ja“, sagte sie. „Nein“, sagte er."
    units = attribution_units(text, split_sentences(text), find_quotes(text))
    assert [u.text for u in units] == ["„Ja“, sagte sie.", "„Nein“, sagte er."]


def test_no_at_sentence_end_is_not_an_abbreviation() -> None:
    text = "The minister said no. Then she left the room."
    assert [s.text for s in split_sentences(text)] == ["The minister said no.", "Then she left the room."]
