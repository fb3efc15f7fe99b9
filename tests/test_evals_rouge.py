"""ROUGE scores against hand-computed values, and the lead-n baseline (agent.evals.rouge)."""

from __future__ import annotations

import pytest

from agent.evals.rouge import lcs_length, lead_n, rouge_scores, tokenize


@pytest.mark.parametrize(
    ("pred", "ref", "r1", "r2", "rl"),
    [
        # unigrams 5/6 both ways; bigrams "the cat", "on the", "the mat" = 3/5; LCS "the cat on the mat" = 5
        ("the cat sat on the mat", "the cat is on the mat", 5 / 6, 3 / 5, 5 / 6),
        # same words reordered: no shared bigram, LCS 3 of 4
        ("a b c d", "a c b d", 1.0, 0.0, 0.75),
        # P=1, R=1/2 → 2/3; bigrams P=1, R=1/3 → 1/2
        ("a b", "a b c d", 2 / 3, 0.5, 2 / 3),
        # clipped counts: "the" counts once; P=1/3, R=1/2 → 0.4
        ("the the the", "the cat", 0.4, 0.0, 0.4),
        ("Der Hund bellt.", "der hund bellt", 1.0, 1.0, 1.0),
        ("Über die Straße", "über die straße", 1.0, 1.0, 1.0),
        ("", "something", 0.0, 0.0, 0.0),
        ("something", "", 0.0, 0.0, 0.0),
        ("x y", "a b", 0.0, 0.0, 0.0),
    ],
)
def test_rouge_scores(pred: str, ref: str, r1: float, r2: float, rl: float) -> None:
    scores = rouge_scores(pred, ref)
    assert scores == pytest.approx({"rouge1": r1, "rouge2": r2, "rougeL": rl})


@pytest.mark.parametrize(
    ("text", "stem", "expected"),
    [
        ("Die Regierung, 3.000 Stellen!", False, ["die", "regierung", "3", "000", "stellen"]),
        ("russischen Behörden", True, ["russisch", "behörd"]),
    ],
)
def test_tokenize(text: str, stem: bool, expected: list[str]) -> None:
    assert tokenize(text, stem=stem) == expected


def test_stemming_raises_overlap_of_inflected_words() -> None:
    assert rouge_scores("russischen Behörden", "russische Behörde", stem=True)["rouge1"] == 1.0
    assert rouge_scores("russischen Behörden", "russische Behörde")["rouge1"] == 0.0


@pytest.mark.parametrize(("a", "b", "expected"), [("abcbdab", "bdcaba", 4), ("", "abc", 0), ("abc", "abc", 3)])
def test_lcs_length(a: str, b: str, expected: int) -> None:
    assert lcs_length(list(a), list(b)) == expected


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("Erster Satz. Zweiter Satz. Dritter Satz. Vierter Satz.", 3, "Erster Satz. Zweiter Satz. Dritter Satz."),
        (
            "Am 3. Juni sagte Dr. Müller etwas. Dann z. B. das hier. Ende. Nicht dabei.",
            2,
            "Am 3. Juni sagte Dr. Müller etwas. Dann z. B. das hier.",
        ),
        ("Prof. Meier widerspricht! Warum? Darum.", 2, "Prof. Meier widerspricht! Warum?"),
        ("Nur ein Satz ohne Punkt", 3, "Nur ein Satz ohne Punkt"),
        ("Eins.\nZwei.\nDrei.", 1, "Eins."),
        ("", 3, ""),
        ("Eins. Zwei.", 0, ""),
    ],
)
def test_lead_n(text: str, n: int, expected: str) -> None:
    assert lead_n(text, n, "de") == expected
