"""The self-contained HTML report escapes untrusted text (agent.evals.html_report)."""

from __future__ import annotations

import re

import pytest

from agent.evals.html_report import histogram_svg, render_html
from agent.evals.report import CaseResult, EvalReport, aggregate, compare

EVIL = "<script>alert(1)</script>"


def make_report(**case_fields: object) -> EvalReport:
    fields = {
        "case_id": f"id{EVIL}",
        "dataset": "core@1",
        "language": "de",
        "task": "analysis",
        "tags": [EVIL],
        "scores": {"speaker_f1": 0.5, "rougeL": 0.25, "seconds": 1.0},
        "title": f"Titel {EVIL}",
        "text": f"Artikel {EVIL} & mehr",
        "gold": {"speakers": [EVIL]},
        "error": f"failed {EVIL}",
        "output": {
            "analysis": {
                "summary": EVIL,
                "summary_en": EVIL,
                "claims": [
                    {
                        "id": "c1",
                        "speaker": EVIL,
                        "form": "direct",
                        "claim": EVIL,
                        "claim_en": EVIL,
                        "quote": {"text": EVIL},
                        "quote_check": "verbatim",
                    }
                ],
                "stance": {
                    "entries": [{"holder": EVIL, "target": EVIL, "label": "critical", "rationale": EVIL}],
                    "loaded_terms": [{"term": EVIL}],
                },
                "warnings": [EVIL],
            },
            "headline_stance": EVIL,
            "extracted_text": EVIL,
            "calls": 2,
        },
    }
    fields.update(case_fields)
    cases = [CaseResult(**fields)]
    return EvalReport(
        eval_id=f"e{EVIL}",
        created="2025-01-01",
        model=f"m{EVIL}",
        prompts={"summary": EVIL},
        variant=EVIL,
        datasets=[EVIL],
        cases=cases,
        metrics=aggregate(cases),
    )


@pytest.mark.parametrize("deltas", [None, "with"])
def test_untrusted_text_is_escaped_everywhere(deltas: str | None) -> None:
    report = make_report()
    page = render_html(report, compare(report, {"all/speaker_f1": 0.9}) if deltas else None)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Artikel &lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr" in page
    assert page.count("<script>") == 1  # only the report's own inline script


def test_page_is_self_contained() -> None:
    page = render_html(make_report())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    assert page.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("baseline", "css_class"),
    [({"all/speaker_f1": 0.9}, "regressed"), ({"all/speaker_f1": 0.48}, "better"), ({"all/speaker_f1": 0.52}, "worse")],
)
def test_deltas_are_coloured(baseline: dict, css_class: str) -> None:
    report = make_report()
    page = render_html(report, compare(report, baseline))
    row = re.search(r"<tr><td>all</td><td>speaker_f1</td>.*?</tr>", page)
    assert row and f"num {css_class}" in row.group()


def test_histograms_drawn_for_present_metrics_only() -> None:
    page = render_html(make_report(output=None, error=None, text=None))
    assert "speaker_f1 (n=1, mean=0.50)" in page and "rougeL (n=1, mean=0.25)" in page
    assert "fact_coverage (n=" not in page
    assert "no output" in page


@pytest.mark.parametrize(("values", "bars"), [([0.0, 0.05, 1.0, 1.5, -1.0], 10), ([], 10)])
def test_histogram_svg(values: list[float], bars: int) -> None:
    svg = histogram_svg("m", values)
    assert svg.count("<rect") == bars and svg.startswith("<svg")
