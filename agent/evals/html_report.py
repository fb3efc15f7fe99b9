"""One self-contained HTML page for an eval report: metrics, histograms, per-case drill-down.

No external assets: inline CSS, inline SVG histograms and a few lines of vanilla JS (a case
filter and expand/collapse buttons). Every string that comes from an article, a dataset or a
model is untrusted and goes through ``html.escape``; nothing is ever inserted unescaped.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from agent.evals.report import CaseResult, Delta, EvalReport, base_metric

HISTOGRAM_METRICS = (
    "speaker_f1",
    "quote_verbatim",
    "gold_quote_recall",
    "fact_coverage",
    "rougeL",
    "hallucination_rate",
    "stance_accuracy",
    "loaded_terms_recall",
    "extraction_recall",
    "schema_valid",
)
"""Per-case metrics (in [0, 1]) drawn as histograms when a report has values for them."""

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em}table{border-collapse:collapse;margin:.4em 0}
td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}th{background:#f4f4f4}
td.num{text-align:right;font-variant-numeric:tabular-nums}.better{color:#16794c}.worse{color:#b26b00}
.regressed{color:#fff;background:#c0392b;font-weight:bold}pre{white-space:pre-wrap;background:#f8f8f8;
padding:.5em;max-height:30em;overflow:auto}details.case{border:1px solid #ddd;margin:.3em 0;padding:.2em .6em}
details.case>summary{cursor:pointer}.chip{display:inline-block;background:#eef;border-radius:3px;
padding:0 4px;margin:0 2px;font-size:.9em}.error{color:#c0392b;font-weight:bold}.hist{display:inline-block;
margin:.3em}.muted{color:#777}
"""
_JS = """
function filterCases(q){q=q.toLowerCase();document.querySelectorAll('details.case').forEach(function(d){
d.style.display=d.dataset.search.indexOf(q)>=0?'':'none';});}
function toggleAll(open){document.querySelectorAll('details.case').forEach(function(d){d.open=open;});}
"""


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _num(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.0f}" if float(value).is_integer() and abs(value) >= 1 else f"{value:.3f}"


def _delta_class(delta: Delta) -> str:
    if delta.regressed:
        return "regressed"
    if not delta.delta or not delta.direction:
        return ""
    return "better" if delta.delta * delta.direction > 0 else "worse"


def _metrics_table(report: EvalReport, deltas: list[Delta] | None) -> str:
    by_metric = {d.metric: d for d in deltas or []}
    head = "<tr><th>dataset</th><th>metric</th><th>value</th>"
    head += "<th>baseline</th><th>Δ</th></tr>" if deltas is not None else "</tr>"
    rows = [head]
    for metric in sorted(set(report.metrics) | set(by_metric)):
        dataset, _, name = metric.rpartition("/")
        row = f"<tr><td>{_e(dataset)}</td><td>{_e(name)}</td><td class=num>{_num(report.metrics.get(metric))}</td>"
        if deltas is not None:
            d = by_metric.get(metric)
            if d is None:
                row += "<td></td><td></td>"
            else:
                sign = "+" if (d.delta or 0) > 0 else ""
                row += (
                    f"<td class=num>{_num(d.baseline)}</td><td class='num {_delta_class(d)}'>{sign}{_num(d.delta)}</td>"
                )
        rows.append(row + "</tr>")
    return "<h2>Metrics</h2><table>" + "".join(rows) + "</table>"


def histogram_svg(name: str, values: list[float], bins: int = 10) -> str:
    """An inline SVG histogram of values in [0, 1] (clipped), titled with the count and mean."""
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int(min(max(v, 0.0), 1.0) * bins)))] += 1
    width, height, top = 240, 110, max(counts) or 1
    bar = (width - 20) / bins
    rects = "".join(
        f"<rect x='{10 + i * bar:.1f}' y='{90 - 70 * c / top:.1f}' width='{bar - 2:.1f}' "
        f"height='{70 * c / top:.1f}' fill='#5b7db1'><title>{i / bins:.1f}–{(i + 1) / bins:.1f}: {c}</title></rect>"
        for i, c in enumerate(counts)
    )
    mean = sum(values) / len(values) if values else 0.0
    return (
        f"<svg class=hist width='{width}' height='{height}' viewBox='0 0 {width} {height}' role='img'>"
        f"<text x='10' y='12' font-size='11'>{_e(name)} (n={len(values)}, mean={mean:.2f})</text>{rects}"
        f"<line x1='10' y1='90' x2='{width - 10}' y2='90' stroke='#999'/>"
        f"<text x='10' y='104' font-size='10'>0</text><text x='{width / 2 - 6:.0f}' y='104' font-size='10'>0.5</text>"
        f"<text x='{width - 18}' y='104' font-size='10'>1</text></svg>"
    )


def _histograms(report: EvalReport) -> str:
    charts = []
    for name in HISTOGRAM_METRICS:
        values = [c.scores[name] for c in report.cases if c.scores.get(name) is not None]
        if values:
            charts.append(histogram_svg(name, values))
    return "<h2>Per-case distributions</h2>" + "".join(charts) if charts else ""


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def _analysis(a: dict[str, Any]) -> str:
    parts = [f"<p><b>summary</b>: {_e(a.get('summary'))}</p>", f"<p><b>summary_en</b>: {_e(a.get('summary_en'))}</p>"]
    claims = a.get("claims") or []
    if claims:
        rows = [
            [
                c.get("id"),
                c.get("speaker"),
                c.get("form"),
                c.get("claim"),
                c.get("claim_en"),
                (c.get("quote") or {}).get("text"),
                c.get("quote_check"),
            ]
            for c in claims
        ]
        parts.append(_table(["id", "speaker", "form", "claim", "claim_en", "quote", "check"], rows))
    stance = a.get("stance") or {}
    if stance.get("entries"):
        rows = [[s.get("holder"), s.get("target"), s.get("label"), s.get("rationale")] for s in stance["entries"]]
        parts.append("<p><b>stance</b></p>" + _table(["holder", "target", "label", "rationale"], rows))
    if stance.get("loaded_terms"):
        terms = ", ".join(_e(t.get("term")) for t in stance["loaded_terms"])
        parts.append(f"<p><b>loaded terms</b>: {terms}</p>")
    if a.get("warnings"):
        parts.append("<p><b>warnings</b>: " + "; ".join(_e(w) for w in a["warnings"]) + "</p>")
    return "".join(parts)


def _output(output: dict[str, Any] | None) -> str:
    if not output:
        return "<p class=muted>no output</p>"
    parts = []
    if output.get("analysis"):
        parts.append(_analysis(output["analysis"]))
    if output.get("headline_stance") is not None:
        parts.append(f"<p><b>headline stance</b>: {_e(output['headline_stance'])}</p>")
    if output.get("extracted_text") is not None:
        parts.append(f"<details><summary>extracted text</summary><pre>{_e(output['extracted_text'])}</pre></details>")
    cost = {k: output.get(k) for k in ("calls", "repairs", "input_tokens", "output_tokens", "seconds")}
    parts.append("<p class=muted>" + _e(", ".join(f"{k}={v}" for k, v in cost.items())) + "</p>")
    return "".join(parts)


def _case(case: CaseResult) -> str:
    key_scores = [(k, v) for k, v in case.scores.items() if v is not None and base_metric(k) in HISTOGRAM_METRICS]
    chips = "".join(f"<span class=chip>{_e(k)} {_num(v)}</span>" for k, v in key_scores)
    error = " <span class=error>error</span>" if case.error else ""
    search = " ".join([case.case_id, case.dataset, case.task, *case.tags, "error" if case.error else ""]).lower()
    meta = f"{case.dataset} · {case.task} · {case.language or '?'}" + (
        f" · {', '.join(case.tags)}" if case.tags else ""
    )
    body = [f"<p class=muted>{_e(meta)}{' · cached' if case.from_cache else ''}</p>"]
    if case.title:
        body.append(f"<p><b>{_e(case.title)}</b></p>")
    if case.error:
        body.append(f"<p class=error>{_e(case.error)}</p>")
    if case.text:
        body.append(
            f"<details><summary>article text ({len(case.text)} chars)</summary><pre>{_e(case.text)}</pre></details>"
        )
    body.append("<h4>output</h4>" + _output(case.output))
    if case.gold:
        gold = json.dumps(case.gold, ensure_ascii=False, indent=1)
        body.append(f"<details><summary>gold</summary><pre>{_e(gold)}</pre></details>")
    body.append("<h4>scores</h4>" + _table(["metric", "value"], [[k, _num(v)] for k, v in sorted(case.scores.items())]))
    return (
        f"<details class=case data-search='{_e(search)}'><summary>{_e(case.case_id)}{error} {chips}</summary>"
        + "".join(body)
        + "</details>"
    )


def render_html(report: EvalReport, deltas: list[Delta] | None = None) -> str:
    """The report as one self-contained HTML page; ``deltas`` (from ``compare``) add baseline columns."""
    prompts = ", ".join(f"{k}: {v}" for k, v in sorted(report.prompts.items()))
    header = (
        f"<h1>Eval {_e(report.eval_id)}</h1><p>model <b>{_e(report.model)}</b>"
        + (f" · variant <b>{_e(report.variant)}</b>" if report.variant else "")
        + f" · {_e(report.created)} · datasets {_e(', '.join(report.datasets))}</p>"
        + f"<p class=muted>prompts: {_e(prompts)}</p>"
    )
    controls = (
        "<h2>Cases</h2><p><input placeholder='filter by id, dataset, task, tag' oninput='filterCases(this.value)'>"
        " <button onclick='toggleAll(true)'>expand all</button> <button onclick='toggleAll(false)'>collapse all"
        "</button></p>"
    )
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>"
        f"<title>Eval {_e(report.eval_id)}</title><style>{_CSS}</style></head><body>"
        + header
        + _metrics_table(report, deltas)
        + _histograms(report)
        + controls
        + "".join(_case(c) for c in report.cases)
        + f"<script>{_JS}</script></body></html>\n"
    )
