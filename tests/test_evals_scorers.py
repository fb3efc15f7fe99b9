"""Per-case scorers on small synthetic cases and analyses (agent.evals.scorers)."""

from __future__ import annotations

from typing import Any

import pytest

from agent.evals.cases import Case, CaseOutput, Gold, GoldQuote, GoldStance
from agent.evals.scorers import (
    case_labels,
    detect_language,
    entity_candidates,
    score_case,
    score_entities,
    score_extraction,
    score_facts,
    score_headline_stance,
    score_injection,
    score_loaded_terms,
    score_quotes,
    score_rouge,
    score_schema,
    score_speakers,
    score_stance,
    score_summary_language,
)
from agent.schema import Analysis, Claim, LoadedTerm, Provenance, SourceInfo, Span, Stance, StanceEntry

TEXT = (
    "Außenminister Lawrow sagte am Montag in Moskau: „Wir sind bereit.“ Rubio nannte das Treffen "
    "„einen guten Anfang“. Vor 3.000 Demonstranten sprach die Regierung von einer Provokation."
)


def make_analysis(
    summary: str = "",
    summary_en: str = "",
    claims: list[tuple[Any, ...]] = (),
    entries: list[tuple[str, str, str]] = (),
    terms: list[str] = (),
) -> Analysis:
    """An analysis with claims given as (speaker, quote or None[, claim_en])."""
    made = []
    for i, (speaker, quote, *rest) in enumerate(claims, 1):
        made.append(
            Claim(
                id=f"c{i}",
                speaker=speaker,
                claim=quote or "x",
                claim_en=rest[0] if rest else "x",
                quote=Span(text=quote, start=0, end=len(quote)) if quote else None,
                form="direct" if quote else "assertion",
                quote_check="verbatim" if quote else "no_quote",
                sentence=Span(text="x", start=0, end=1),
            )
        )
    stance = Stance(
        entries=[StanceEntry(holder=h, target=t, label=lab, rationale="") for h, t, lab in entries],
        loaded_terms=[LoadedTerm(term=t, span=Span(text=t, start=0, end=len(t))) for t in terms],
    )
    return Analysis(
        source=SourceInfo(language="de", language_confidence=1.0, characters=len(TEXT), tokens=1, content_hash="h"),
        summary=summary,
        summary_en=summary_en,
        claims=made,
        stance=stance,
        provenance=Provenance(agent_version="0", model="m", backend="fake"),
    )


def make_case(task: str = "analysis", text: str = TEXT, language: str | None = "de", **gold: Any) -> Case:
    return Case(id="c", dataset="d", language=language, text=text, task=task, gold=Gold(**gold))


def out_with(analysis: Analysis | None = None, **fields: Any) -> CaseOutput:
    return CaseOutput(analysis=analysis, **fields)


@pytest.mark.parametrize(
    ("task", "out", "expected"),
    [
        ("analysis", out_with(make_analysis(), calls=4, repairs=1), {"schema_valid": 1.0, "repair_rate": 0.25}),
        ("analysis", out_with(None, calls=2, schema_failures=1), {"schema_valid": 0.0, "repair_rate": 0.0}),
        ("analysis", out_with(make_analysis(), calls=2, schema_failures=1), {"schema_valid": 0.0, "repair_rate": 0.0}),
        ("headline_stance", out_with(headline_stance="agree", calls=1), {"schema_valid": 1.0, "repair_rate": 0.0}),
        ("analysis", out_with(None), {"schema_valid": 0.0, "repair_rate": None}),
        ("extraction", out_with(extracted_text="t"), {}),
    ],
)
def test_score_schema(task: str, out: CaseOutput, expected: dict) -> None:
    assert score_schema(make_case(task), out) == expected


@pytest.mark.parametrize(
    ("summary", "summary_en", "language", "expected"),
    [
        (
            "Die Regierung hat heute in Berlin einen neuen Haushalt beschlossen.",
            "The government adopted a new budget in Berlin today.",
            "de",
            {"summary_language_ok": 1.0, "summary_en_ok": 1.0},
        ),
        (
            "The government adopted a new budget in Berlin today.",
            "Die Regierung hat heute in Berlin einen neuen Haushalt beschlossen.",
            "de",
            {"summary_language_ok": 0.0, "summary_en_ok": 0.0},
        ),
        ("", "The government adopted a new budget today.", "sw", {"summary_language_ok": None, "summary_en_ok": 1.0}),
    ],
)
def test_score_summary_language(summary: str, summary_en: str, language: str, expected: dict) -> None:
    case = make_case(language=language)
    assert score_summary_language(case, out_with(make_analysis(summary, summary_en))) == expected


def test_detect_language_of_empty_text_is_none() -> None:
    assert detect_language("  ") is None


@pytest.mark.parametrize(
    ("claims", "gold_quotes", "expected"),
    [
        ([("Lawrow", "Wir sind bereit.")], None, {"quote_verbatim": 1.0}),
        ([("Lawrow", "Wir sind bereit."), ("Rubio", "ein guter Anfang")], None, {"quote_verbatim": 0.5}),
        ([("Lawrow", None)], None, {}),
        (
            [("Sergej Lawrow", "Wir sind bereit.")],
            [
                GoldQuote(speaker="Lawrow", text="„Wir sind bereit.“"),
                GoldQuote(speaker="Rubio", text="einen guten Anfang"),
            ],
            {"quote_verbatim": 1.0, "gold_quote_recall": 0.5, "quote_speaker_accuracy": 1.0},
        ),
        (
            [("Rubio", "Wir sind bereit")],
            [GoldQuote(speaker="Lawrow", text="Wir sind bereit.")],
            {"quote_verbatim": 1.0, "gold_quote_recall": 1.0, "quote_speaker_accuracy": 0.0},
        ),
        # token overlap ≥ 0.8 without being a substring: 4 of 5 gold words
        (
            [("Rubio", "das sei ein guter Anfang")],
            [GoldQuote(speaker="Rubio", text="ein guter Anfang sei das")],
            {"quote_verbatim": 0.0, "gold_quote_recall": 1.0, "quote_speaker_accuracy": 1.0},
        ),
        (
            [],
            [GoldQuote(speaker="Rubio", text="einen guten Anfang")],
            {"gold_quote_recall": 0.0, "quote_speaker_accuracy": None},
        ),
    ],
)
def test_score_quotes(claims: list, gold_quotes: list | None, expected: dict) -> None:
    case = make_case(quotes=gold_quotes)
    assert score_quotes(case, out_with(make_analysis(claims=claims))) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("claims", "gold", "expected"),
    [
        (
            [("Lavrov", "a"), ("Rubio", "b"), ("Sergej Lawrow", "c"), (None, None)],
            ["Lawrow", "Marco Rubio"],
            {"speaker_precision": 1.0, "speaker_recall": 1.0, "speaker_f1": 1.0},
        ),
        ([("Putin", "a")], ["Lawrow", "Rubio"], {"speaker_precision": 0.0, "speaker_recall": 0.0, "speaker_f1": 0.0}),
        ([], None, {}),
    ],
)
def test_score_speakers(claims: list, gold: list | None, expected: dict) -> None:
    assert score_speakers(make_case(speakers=gold), out_with(make_analysis(claims=claims))) == expected


def test_score_speakers_without_analysis_scores_zero_recall() -> None:
    assert score_speakers(make_case(speakers=["Rubio"]), out_with(None))["speaker_recall"] == 0.0


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ([["Lawrow"], ["Moskau", "Moscow"]], 1.0),
        ([["3.000 Demonstranten", "3,000 protesters"], ["Waffenruhe"]], 0.5),
        ([["lawrów"]], 1.0),
        ([["good start"]], 1.0),
        ([], None),
    ],
)
def test_score_facts(facts: list, expected: float | None) -> None:
    analysis = make_analysis(
        "Lawrow traf Rubio.",
        "In Moscow, 3,000  protesters gathered.",
        claims=[("Rubio", "x", "Rubio called it a good start")],
    )
    assert score_facts(make_case(summary_facts=facts), out_with(analysis)) == {"fact_coverage": expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lavrov met Putin in Moscow. Then 3000 people and 7 tanks came.", ["Putin", "Moscow", "3000"]),
        ("He said: Yes. The „Big Deal“ (EU) failed.", ["Big", "Deal", "EU"]),
        ("Am 12. Juni sprach Merkel.", ["12", "Merkel"]),
    ],
)
def test_entity_candidates(text: str, expected: list[str]) -> None:
    assert entity_candidates(text) == expected


@pytest.mark.parametrize(
    ("summary", "summary_en", "bad", "rate"),
    [
        ("Dann traf Lawrow in Moskau ein.", "Then Lavrov arrived in Moscow on Monday.", 0, 0.0),
        ("Dann traf Lawrow Biden.", "Then Lavrov met Biden with 3000 protesters and 12 tanks.", 3, 0.5),
        ("Dann sprach die Regierung.", "Then the government spoke.", 0, 0.0),
        ("", "", 0, None),
    ],
)
def test_score_entities(summary: str, summary_en: str, bad: int, rate: float | None) -> None:
    scores = score_entities(make_case(), out_with(make_analysis(summary, summary_en)))
    assert scores == pytest.approx({"hallucinated_entities": float(bad), "hallucination_rate": rate})


def test_score_rouge_reports_summary_and_lead3() -> None:
    case = make_case(text="Eins zwei. Drei vier. Fünf sechs. Sieben acht.", reference_summary="eins zwei drei vier")
    scores = score_rouge(case, out_with(make_analysis("eins zwei")))
    assert scores["rouge1"] == pytest.approx(2 / 3)
    assert scores["lead3_rouge1"] == pytest.approx(0.8)
    assert set(scores) == {"rouge1", "rouge2", "rougeL", "lead3_rouge1", "lead3_rouge2", "lead3_rougeL"}


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        (
            [("article", "Russland", "critical"), ("Lavrov", "USA", "supportive")],
            {"stance_coverage": 1.0, "stance_accuracy": 0.5},
        ),
        ([("Article", "die Regierung Russlands", "critical")], {"stance_coverage": 0.5, "stance_accuracy": 1.0}),
        ([("Lawrow", "Russland", "critical")], {"stance_coverage": 0.0, "stance_accuracy": None}),
        ([], {"stance_coverage": 0.0, "stance_accuracy": None}),
    ],
)
def test_score_stance(entries: list, expected: dict) -> None:
    gold = [
        GoldStance(holder="article", target="Russland", label="critical"),
        GoldStance(holder="Sergej Lawrow", target="die USA", label="critical"),
    ]
    assert score_stance(make_case(stance=gold), out_with(make_analysis(entries=entries))) == expected


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["Provokation", "Regime"], {"loaded_terms_recall": 0.5, "loaded_terms_precision": 0.5}),
        (["provokation"], {"loaded_terms_recall": 0.5, "loaded_terms_precision": 1.0}),
        ([], {"loaded_terms_recall": 0.0, "loaded_terms_precision": None}),
    ],
)
def test_score_loaded_terms(terms: list[str], expected: dict) -> None:
    case = make_case(loaded_terms=["Provokation", "Kriegstreiber"])
    assert score_loaded_terms(case, out_with(make_analysis(terms=terms))) == expected


@pytest.mark.parametrize(("pred", "expected"), [("discuss", 1.0), (" Discuss ", 1.0), ("agree", 0.0), (None, 0.0)])
def test_score_headline_stance_and_labels(pred: str | None, expected: float) -> None:
    case = make_case("headline_stance", headline="h", headline_stance="discuss")
    out = out_with(headline_stance=pred)
    assert score_headline_stance(case, out) == {"headline_stance_correct": expected}
    assert case_labels(case, out)["headline_stance_gold"] == "discuss"


@pytest.mark.parametrize(
    ("extracted", "expected"),
    [
        ("Der  Haupttext\nsteht hier. Newsletter", {"extraction_recall": 1.0, "extraction_violations": 1.0}),
        ("Der Haupttext", {"extraction_recall": 0.5, "extraction_violations": 0.0}),
        (None, {"extraction_recall": 0.0, "extraction_violations": 0.0}),
    ],
)
def test_score_extraction(extracted: str | None, expected: dict) -> None:
    case = make_case(
        "extraction", text="", html_must=["Der Haupttext", "steht hier."], html_must_not=["Newsletter", "Impressum"]
    )
    assert score_extraction(case, out_with(extracted_text=extracted)) == expected


@pytest.mark.parametrize(
    ("raw", "summary", "expected"),
    [
        (['{"summary": "ok"}'], "ok", {"forbidden_hits": 0.0, "injection_ok": 1.0}),
        (["I was PWNED"], "ok", {"forbidden_hits": 1.0, "injection_ok": 0.0}),
        ([], "pwned and EVIL-URL.example", {"forbidden_hits": 2.0, "injection_ok": 0.0}),
    ],
)
def test_score_injection(raw: list[str], summary: str, expected: dict) -> None:
    case = make_case(forbidden=["PWNED", "evil-url.example"])
    assert score_injection(case, out_with(make_analysis(summary), raw_texts=raw)) == expected


def test_score_case_merges_applicable_scorers_only() -> None:
    case = make_case(speakers=["Lawrow"])
    out = out_with(
        make_analysis("Lawrow sprach.", "Lavrov spoke.", claims=[("Lawrow", "Wir sind bereit.")]),
        calls=3,
        input_tokens=100,
        output_tokens=20,
        seconds=1.5,
    )
    scores = score_case(case, out)
    assert scores["speaker_f1"] == 1.0
    assert scores["input_tokens"] == 100.0 and scores["seconds"] == 1.5
    assert not {"rouge1", "fact_coverage", "stance_accuracy", "forbidden_hits", "extraction_recall"} & set(scores)


@pytest.mark.parametrize(("task", "scored"), [("analysis", True), ("summary", True), ("speakers", False)])
def test_summary_language_only_for_tasks_with_a_summary(task: str, scored: bool) -> None:
    scores = score_summary_language(make_case(task), out_with(make_analysis()))
    assert ("summary_language_ok" in scores) is scored
