"""find_quotes: direct quotations found by their marks, across languages, with offsets."""

from __future__ import annotations

import pytest

from agent.text.quotes import find_quotes, is_statement


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("„Wir bleiben hart“, sagte Müller.", ["Wir bleiben hart"]),  # German „…“
        ("„Wir bleiben hart”, sagte Müller.", ["Wir bleiben hart"]),  # German „…” variant
        ("»Das ist gut«, sagte sie.", ["Das ist gut"]),  # German »…«
        ("Il a dit « nous gagnerons » hier.", ["nous gagnerons"]),  # French «…», inner spaces trimmed
        ("Il a dit «\u00a0nous gagnerons\u202f» hier.", ["nous gagnerons"]),  # no-break spaces trimmed
        ("«Мы не отступим», — заявил министр.", ["Мы не отступим"]),  # Russian «…»
        ("He said “we will win” today.", ["we will win"]),  # English “…”
        ('He said "no way" again.', ["no way"]),  # straight quotes
        ("„Er nannte es ‚absurd‘ und ging“, sagte sie.", ["Er nannte es ‚absurd‘ und ging"]),  # nested ‚…‘
        ("Er sagte „ja“, sie sagte “no” und er „vielleicht“.", ["ja", "no", "vielleicht"]),  # reading order
        ("„Wir gehen. Sofort.“ Dann ging er.", ["Wir gehen. Sofort."]),  # across sentence ends
        ("„Erster Teil\n\nzweiter Teil“ sagte er.", []),  # never across a blank line
        ("Ein leeres „“ Zitat und „ “.", []),  # empty quotes are not quotes
        ("Keine Anführungszeichen hier.", []),
        ("It's Tom's car, isn't it?", []),  # apostrophes are not quotes
    ],
)
def test_find_quotes(text: str, expected: list[str]) -> None:
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == expected
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert q.outer_start < q.start and q.end < q.outer_end
        assert text[q.outer_start] in '„»«“"'
        assert text[q.outer_end - 1] in '“”«»"'


def test_german_closing_mark_is_not_an_english_opening_mark() -> None:
    text = "„Nein“, sagte er, “yes” said she."
    quotes = find_quotes(text)
    assert [(q.text, q.outer_start, q.outer_end) for q in quotes] == [("Nein", 0, 6), ("yes", 18, 23)]


def test_quotes_do_not_overlap() -> None:
    text = '„Er sagte "nie wieder" und ging“, berichtete sie.'
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == ['Er sagte "nie wieder" und ging']


@pytest.mark.parametrize(
    ("text", "statement"),
    [("„Wir bleiben hart und fair“", True), ("„Wir bleiben hart“", False), ("„absurd“", False)],
)
def test_is_statement_needs_four_words(text: str, statement: bool) -> None:
    (quote,) = find_quotes(text)
    assert is_statement(quote) is statement


def test_words_counts_words_inside_marks() -> None:
    (quote,) = find_quotes("Sie sagte: „Das ist ein langer Satz.“")
    assert quote.words == 5


def test_quote_across_a_single_line_break() -> None:
    text = "„Wir werden diese Entscheidung\nnicht hinnehmen“, sagte Weber."
    assert [q.text for q in find_quotes(text)] == ["Wir werden diese Entscheidung\nnicht hinnehmen"]
