"""Aggregation, the baseline gate and report files (agent.evals.report)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agent.errors import EvalError
from agent.evals.cases import Case, CaseOutput, Gold
from agent.evals.report import (
    CaseResult,
    EvalReport,
    aggregate,
    case_result,
    check_gate,
    compare,
    direction,
    macro_f1,
    read_report,
    slim,
    write_json,
)


def result(
    case_id: str,
    dataset: str,
    scores: dict,
    *,
    error: str | None = None,
    labels: dict | None = None,
    cached: bool = False,
) -> CaseResult:
    return CaseResult(
        case_id=case_id,
        dataset=dataset,
        language="de",
        task="analysis",
        scores=scores,
        error=error,
        labels=labels or {},
        from_cache=cached,
        text="Artikel",
        output={"x": 1},
    )


CASES = [
    result("a", "core@1", {"speaker_f1": 1.0, "seconds": 2.0, "rougeL": None}),
    result("b", "core@1", {"speaker_f1": 0.5, "seconds": 4.0}, cached=True),
    result("c", "spkatt-de", {"speaker_f1": 0.0, "seconds": 3.0}, error="boom"),
]


@pytest.mark.parametrize(
    ("metric", "expected"),
    [
        ("all/speaker_f1", 0.5),
        ("core@1/speaker_f1", 0.75),
        ("spkatt-de/speaker_f1", 0.0),
        ("all/cases", 3.0),
        ("all/errors", 1.0),
        ("all/cached", 1.0),
        ("core@1/errors", 0.0),
        ("core@1/seconds", 3.0),
        ("core@1/seconds_total", 6.0),
        ("all/seconds_total", 9.0),
    ],
)
def test_aggregate(metric: str, expected: float) -> None:
    metrics = aggregate(CASES)
    assert metrics[metric] == pytest.approx(expected)
    assert "all/rougeL" not in metrics
    assert list(metrics) == sorted(metrics)


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (["agree", "discuss"], ["agree", "discuss"], 1.0),
        (["agree", "agree", "discuss", "unrelated"], ["agree", "discuss", "discuss", "none"], (2 / 3 + 2 / 3 + 0) / 3),
        ([], [], None),
    ],
)
def test_macro_f1(gold: list[str], pred: list[str], expected: float | None) -> None:
    assert macro_f1(gold, pred) == (pytest.approx(expected) if expected is not None else None)


def test_aggregate_headline_macro_f1_per_dataset() -> None:
    cases = [
        result(
            str(i),
            "fnc1",
            {"headline_stance_correct": float(g == p)},
            labels={"headline_stance_gold": g, "headline_stance_pred": p},
        )
        for i, (g, p) in enumerate([("agree", "agree"), ("discuss", "agree"), ("discuss", "discuss")])
    ]
    metrics = aggregate(cases)
    assert metrics["fnc1/headline_stance_correct"] == pytest.approx(2 / 3)
    assert metrics["fnc1/headline_stance_macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 2)


@pytest.mark.parametrize(
    ("metric", "sign"),
    [
        ("core@1/speaker_f1", 1),
        ("all/hallucination_rate", -1),
        ("x/seconds_total", -1),
        ("all/cases", 0),
        ("all/unknown_metric", 0),
        ("fnc1/headline_stance_macro_f1", 1),
        ("core@1/forbidden_hits", -1),
    ],
)
def test_direction(metric: str, sign: int) -> None:
    assert direction(metric) == sign


@pytest.mark.parametrize(
    ("metric", "base", "cur", "tolerances", "regressed", "gated"),
    [
        ("core@1/speaker_f1", 0.80, 0.76, None, False, True),
        ("core@1/speaker_f1", 0.80, 0.70, None, True, True),
        ("core@1/speaker_f1", 0.80, 0.70, {"speaker_f1": 0.2}, False, True),
        ("core@1/speaker_f1", 0.80, 0.78, {"core@1/speaker_f1": 0.01}, True, True),
        ("core@1/speaker_f1", 0.80, 0.95, None, False, True),
        ("all/hallucination_rate", 0.10, 0.20, None, True, True),
        ("all/hallucination_rate", 0.20, 0.10, None, False, True),
        ("all/forbidden_hits", 0.0, 0.5, None, True, True),
        ("all/errors", 0.0, 1.0, None, True, True),
        ("all/seconds", 1.0, 100.0, None, False, False),
        ("all/seconds", 1.0, 100.0, {"seconds": 10.0}, True, True),
        ("all/cases", 10.0, 3.0, None, False, False),
        ("core@1/speaker_f1", 0.80, 0.75, None, False, True),
    ],
)
def test_compare(metric: str, base: float, cur: float, tolerances: dict | None, regressed: bool, gated: bool) -> None:
    (delta,) = compare({metric: cur}, {metric: base}, tolerances)
    assert delta.delta == pytest.approx(cur - base)
    assert (delta.regressed, delta.gated) == (regressed, gated)


def test_compare_lists_metrics_missing_on_one_side_without_regression() -> None:
    deltas = compare({"all/speaker_f1": 0.5}, {"all/rougeL": 0.3})
    assert [(d.metric, d.baseline, d.current, d.regressed) for d in deltas] == [
        ("all/rougeL", 0.3, None, False),
        ("all/speaker_f1", None, 0.5, False),
    ]


def test_check_gate() -> None:
    check_gate(compare({"all/speaker_f1": 0.8}, {"all/speaker_f1": 0.8}))
    with pytest.raises(EvalError, match=r"1 metrics regressed.*all/speaker_f1 0\.800→0\.500") as info:
        check_gate(compare({"all/speaker_f1": 0.5}, {"all/speaker_f1": 0.8}))
    assert "\n" not in str(info.value)


def make_report() -> EvalReport:
    return EvalReport(
        eval_id="e1",
        created="2025-01-01T00:00:00Z",
        model="m",
        prompts={"summary": "summary@1"},
        datasets=["core@1"],
        cases=CASES,
        metrics=aggregate(CASES),
    )


@pytest.mark.parametrize("slim_copy", [False, True])
def test_write_and_read_report_round_trip(tmp_path: Path, slim_copy: bool) -> None:
    path = tmp_path / "out" / "report.json"
    write_json(make_report(), path, slim_copy=slim_copy)
    back = read_report(path)
    assert back.metrics == make_report().metrics
    assert (back.cases[0].text is None) is slim_copy
    assert [p.name for p in path.parent.iterdir()] == ["report.json"]


def test_slim_drops_texts_but_keeps_scores() -> None:
    report = slim(make_report())
    assert all(c.text is None and c.output is None and c.gold is None for c in report.cases)
    assert report.cases[0].scores == CASES[0].scores


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "not found"), ("{oops", "is not JSON"), (json.dumps({"eval_id": 1}), "is not an eval report")],
)
def test_read_report_errors(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "r.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(EvalError, match=message):
        read_report(path)


def test_case_result_of_failed_case_scores_gold_as_empty_answer() -> None:
    case = Case(
        id="x",
        dataset="core@1",
        language="de",
        text="Text",
        task="analysis",
        gold=Gold(speakers=["Rubio"], headline_stance="agree"),
    )
    res = case_result(case, None, error="model timed out")
    assert res.error == "model timed out"
    assert res.scores["speaker_recall"] == 0.0 and res.scores["schema_valid"] == 0.0
    assert res.scores["seconds"] is None
    assert res.labels == {"headline_stance_gold": "agree", "headline_stance_pred": "none"}
    assert res.gold == {"speakers": ["Rubio"], "headline_stance": "agree"}


def test_case_result_keeps_output_and_optionally_text() -> None:
    case = Case(
        id="x",
        dataset="d",
        language="en",
        text="Body",
        task="headline_stance",
        gold=Gold(headline="h", headline_stance="agree"),
    )
    res = case_result(case, CaseOutput(headline_stance="agree", calls=1), from_cache=True, keep_text=False)
    assert res.scores["headline_stance_correct"] == 1.0 and res.from_cache
    assert res.output["headline_stance"] == "agree" and res.text is None
