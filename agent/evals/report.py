"""Eval results: per-case records, aggregate metrics, the baseline regression gate, JSON files.

Aggregate metrics are keyed ``<dataset>/<metric>`` for each dataset and ``all/<metric>`` over
every case: the mean of the per-case score over the cases where it is not None, plus
``cases``, ``errors`` and ``cached`` counts, ``<cost>_total`` sums of the cost metrics and,
where cases carry FNC-1 labels, ``headline_stance_macro_f1``.

The gate compares a run with a baseline report metric by metric. ``METRIC_DIRECTION`` says
whether higher (+1) or lower (-1) is better, 0 for counts that only inform. A metric
regresses when it moves the wrong way by more than its absolute tolerance
(``DEFAULT_TOLERANCE``, overridable per full or base metric name); metrics without a
tolerance (tokens, seconds) are reported but never gated unless a tolerance is given.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from agent.errors import EvalError
from agent.evals.cases import Case, CaseOutput
from agent.evals.scorers import case_labels, score_case

COST_METRICS = ("input_tokens", "output_tokens", "cached_tokens", "calls", "seconds")
_HIGHER = (
    "schema_valid",
    "summary_language_ok",
    "summary_en_ok",
    "quote_verbatim",
    "gold_quote_recall",
    "quote_speaker_accuracy",
    "speaker_precision",
    "speaker_recall",
    "speaker_f1",
    "fact_coverage",
    "rouge1",
    "rouge2",
    "rougeL",
    "stance_coverage",
    "stance_accuracy",
    "loaded_terms_recall",
    "loaded_terms_precision",
    "headline_stance_correct",
    "headline_stance_macro_f1",
    "extraction_recall",
    "injection_ok",
    "judge_summary",
)
_LOWER = (
    "repair_rate",
    "hallucinated_entities",
    "hallucination_rate",
    "extraction_violations",
    "forbidden_hits",
    "errors",
    *COST_METRICS,
)
_INFO = ("cases", "cached", "lead3_rouge1", "lead3_rouge2", "lead3_rougeL")
METRIC_DIRECTION: dict[str, int] = {**{m: 1 for m in _HIGHER}, **{m: -1 for m in _LOWER}, **{m: 0 for m in _INFO}}
"""Base metric name → +1 when higher is better, -1 when lower is better, 0 when it only informs."""

DEFAULT_TOLERANCE: dict[str, float] = {
    **{m: 0.05 for m in _HIGHER},
    "repair_rate": 0.05,
    "hallucination_rate": 0.05,
    "hallucinated_entities": 0.5,
    "extraction_violations": 0.25,
    "forbidden_hits": 0.0,
    "errors": 0.0,
}
"""Base metric name → largest absolute move the wrong way that is not a regression."""


class CaseResult(BaseModel):
    """One case's outcome: scores, the output (``CaseOutput`` as JSON), gold and error, for reports."""

    case_id: str
    dataset: str
    language: str | None
    tags: list[str] = Field(default_factory=list)
    task: str
    scores: dict[str, float | None] = Field(default_factory=dict)
    output: dict[str, Any] | None = None
    error: str | None = None
    from_cache: bool = False
    title: str | None = None
    text: str | None = Field(None, description="Article text, for the drill-down; dropped in slim reports.")
    gold: dict[str, Any] | None = None
    labels: dict[str, str] = Field(default_factory=dict, description="Categorical results, e.g. FNC-1 labels.")


class EvalReport(BaseModel):
    """A whole eval run: what ran (model, prompts, datasets), every case and the aggregate metrics."""

    eval_id: str
    created: str
    model: str
    prompts: dict[str, str]
    variant: str | None = None
    datasets: list[str]
    cases: list[CaseResult]
    metrics: dict[str, float] = Field(default_factory=dict)


class Delta(BaseModel):
    """One metric of a run against its baseline; ``regressed`` when it moved the wrong way beyond tolerance."""

    metric: str
    baseline: float | None
    current: float | None
    delta: float | None
    direction: int = 0
    gated: bool = False
    regressed: bool = False


def case_result(
    case: Case, out: CaseOutput | None, *, error: str | None = None, from_cache: bool = False, keep_text: bool = True
) -> CaseResult:
    """Score ``case`` and record it. Without output (the case failed) gold-based metrics score as an
    empty answer, so failures pull the means down, and cost metrics are None."""
    scores = score_case(case, out or CaseOutput())
    if out is None:
        scores.update({m: None for m in COST_METRICS})
    return CaseResult(
        case_id=case.id,
        dataset=case.dataset,
        language=case.language,
        tags=case.tags,
        task=case.task,
        scores=scores,
        output=out.model_dump(mode="json") if out else None,
        error=error,
        from_cache=from_cache,
        title=case.title,
        text=(case.text or None) if keep_text else None,
        gold=case.gold.model_dump(mode="json", exclude_none=True),
        labels=case_labels(case, out or CaseOutput()),
    )


def macro_f1(gold: list[str], pred: list[str]) -> float | None:
    """Macro-averaged F1 over the labels in gold and predictions ("none", a missing answer, is no class)."""
    labels = sorted((set(gold) | set(pred)) - {"none"})
    if not labels:
        return None
    f1s = []
    for label in labels:
        tp = sum(g == label and p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(g != label and p == label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def _group_metrics(prefix: str, cases: list[CaseResult]) -> dict[str, float]:
    metrics = {
        f"{prefix}/cases": float(len(cases)),
        f"{prefix}/errors": float(sum(c.error is not None for c in cases)),
        f"{prefix}/cached": float(sum(c.from_cache for c in cases)),
    }
    values: dict[str, list[float]] = defaultdict(list)
    for case in cases:
        for name, value in case.scores.items():
            if value is not None:
                values[name].append(value)
    for name, vals in values.items():
        metrics[f"{prefix}/{name}"] = sum(vals) / len(vals)
        if name in COST_METRICS:
            metrics[f"{prefix}/{name}_total"] = sum(vals)
    labelled = [c.labels for c in cases if "headline_stance_gold" in c.labels]
    if labelled:
        f1 = macro_f1([x["headline_stance_gold"] for x in labelled], [x["headline_stance_pred"] for x in labelled])
        if f1 is not None:
            metrics[f"{prefix}/headline_stance_macro_f1"] = f1
    return metrics


def aggregate(cases: list[CaseResult]) -> dict[str, float]:
    """Aggregate metrics keyed ``<dataset>/<metric>`` and ``all/<metric>``, sorted by key."""
    by_dataset: dict[str, list[CaseResult]] = defaultdict(list)
    for case in cases:
        by_dataset[case.dataset].append(case)
    metrics = _group_metrics("all", cases)
    for dataset, group in by_dataset.items():
        metrics.update(_group_metrics(dataset, group))
    return dict(sorted(metrics.items()))


def base_metric(metric: str) -> str:
    """The metric name without its dataset prefix ("core@1/speaker_f1" → "speaker_f1")."""
    return metric.rsplit("/", 1)[-1]


def direction(metric: str) -> int:
    """+1 if higher is better, -1 if lower is better, 0 if the metric only informs (or is unknown)."""
    base = base_metric(metric)
    return METRIC_DIRECTION.get(base.removesuffix("_total"), 0)


def compare(
    current: EvalReport | dict[str, float],
    baseline: EvalReport | dict[str, float],
    tolerances: dict[str, float] | None = None,
) -> list[Delta]:
    """Compare every metric of two runs. ``tolerances`` (by full or base metric name) extend the defaults.

    A metric only in one run is listed with None on the other side and never regresses.
    """
    cur = current.metrics if isinstance(current, EvalReport) else current
    base = baseline.metrics if isinstance(baseline, EvalReport) else baseline
    limits = {**DEFAULT_TOLERANCE, **(tolerances or {})}
    deltas: list[Delta] = []
    for metric in sorted(set(cur) | set(base)):
        c, b = cur.get(metric), base.get(metric)
        sign = direction(metric)
        tolerance = limits.get(metric, limits.get(base_metric(metric)))
        gated = sign != 0 and tolerance is not None
        delta = c - b if c is not None and b is not None else None
        regressed = bool(gated and delta is not None and sign * delta < -(tolerance or 0.0) - 1e-9)
        deltas.append(
            Delta(metric=metric, baseline=b, current=c, delta=delta, direction=sign, gated=gated, regressed=regressed)
        )
    return deltas


def check_gate(deltas: list[Delta]) -> None:
    """Raise ``EvalError`` naming every regressed metric; return quietly when none regressed."""
    bad = [d for d in deltas if d.regressed]
    if bad:
        listed = ", ".join(f"{d.metric} {d.baseline:.3f}→{d.current:.3f}" for d in bad[:6])
        more = f" and {len(bad) - 6} more" if len(bad) > 6 else ""
        raise EvalError(
            f"{len(bad)} metrics regressed beyond tolerance ({listed}{more}): "
            "fix the regression, or update the baseline if the change is intended"
        )


def slim(report: EvalReport) -> EvalReport:
    """A copy without article texts, outputs and gold: scores and metrics only (for committed baselines)."""
    cases = [c.model_copy(update={"text": None, "output": None, "gold": None}) for c in report.cases]
    return report.model_copy(update={"cases": cases})


def write_json(report: EvalReport, path: Path, *, slim_copy: bool = False) -> None:
    """Write ``report`` as JSON atomically (temporary file, then rename); ``slim_copy`` drops texts."""
    data = (slim(report) if slim_copy else report).model_dump_json(indent=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_report(path: Path) -> EvalReport:
    """Read a report written by ``write_json``; ``EvalError`` when it is missing or not a report."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvalError(f"eval report {path} not found: run the eval first or pass an existing report") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"cannot read eval report {path} ({exc.__class__.__name__}): pass a report JSON file") from None
    try:
        return EvalReport.model_validate(json.loads(raw))
    except json.JSONDecodeError as exc:
        raise EvalError(f"eval report {path} is not JSON ({exc.msg}): rerun the eval to rewrite it") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise EvalError(
            f"{path} is not an eval report ({where}: {first['msg']}): rerun the eval to rewrite it"
        ) from None
