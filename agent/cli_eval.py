"""``agent eval``: score the prompt chains on gold data, compare with a baseline, write reports."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from agent.cli_support import (
    BaseUrlOpt,
    ModelOpt,
    ModelPathOpt,
    NoCacheOpt,
    cli_errors,
    open_chat_model,
    progress_bar,
    prompt_set,
    stderr,
)
from agent.errors import EvalError
from agent.evals.datasets import default_datasets, load_dataset
from agent.evals.html_report import render_html
from agent.evals.report import Delta, EvalReport, check_gate, compare, read_report, write_json
from agent.evals.runner import run_cases
from agent.llm.response_cache import ResponseCache
from agent.pipeline.session import PromptSet

REPO_ROOT = Path(__file__).resolve().parent.parent
SHOWN = (
    "speaker_f1",
    "speaker_precision",
    "speaker_recall",
    "quote_verbatim",
    "gold_quote_recall",
    "fact_coverage",
    "summary_language_ok",
    "summary_en_ok",
    "hallucination_rate",
    "rougeL",
    "lead3_rougeL",
    "stance_accuracy",
    "loaded_terms_recall",
    "headline_stance_correct",
    "headline_stance_macro_f1",
    "extraction_recall",
    "extraction_violations",
    "injection_ok",
    "repair_rate",
    "judge_summary",
    "seconds",
    "cached",
)


def _table(reports: list[EvalReport], deltas: list[Delta] | None) -> Table:
    table = Table(title="agent eval", show_lines=False)
    table.add_column("metric")
    for report in reports:
        table.add_column(report.variant or "current", justify="right")
    if deltas is not None:
        table.add_column("vs baseline", justify="right")
    by_metric = {d.metric: d for d in deltas or []}
    keys = sorted({k for r in reports for k in r.metrics}, key=lambda k: (k.split("/")[0] != "all", k))
    for key in keys:
        if key.split("/")[-1] not in SHOWN:
            continue
        row = [key] + [f"{r.metrics[key]:.3f}" if key in r.metrics else "—" for r in reports]
        if deltas is not None:
            d = by_metric.get(key)
            row.append(
                "" if d is None or d.delta is None else f"[{'red' if d.regressed else 'green'}]{d.delta:+.3f}[/]"
            )
        table.add_row(*row)
    return table


def eval_command(
    dataset: Annotated[
        list[Path] | None,
        typer.Option(
            "--dataset",
            "-d",
            help="Dataset file or folder (repeatable); default: evals/datasets/*.jsonl. Formats: see evals/README.md.",
        ),
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only cases with this tag (e.g. ci).")] = None,
    case: Annotated[list[str] | None, typer.Option("--case", help="Only this case id (repeatable).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most N cases per dataset.")] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="Report JSON to compare with; exit non-zero when a metric falls by more than its tolerance.",
        ),
    ] = None,
    prompt: Annotated[
        list[str] | None,
        typer.Option(
            "--prompt", help="Run this prompt variant (NAME@VERSION, repeatable) side by side with the current prompts."
        ),
    ] = None,
    out_dir: Annotated[Path, typer.Option("--out-dir", help="Where the JSON and HTML reports go.")] = Path(
        "evals/reports"
    ),
    judge: Annotated[
        bool | None,
        typer.Option("--judge/--no-judge", help="LLM-as-judge scoring; default: only on a capable (OpenAI) model."),
    ] = None,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Score the prompt chains on gold datasets; write JSON and HTML reports; gate on a baseline."""
    with cli_errors():
        paths = dataset or default_datasets(REPO_ROOT)
        if not paths:
            raise EvalError("no datasets found: pass --dataset PATH")
        loaded = [load_dataset(p, REPO_ROOT) for p in paths]
        cases = [
            c
            for _, cs in loaded
            for c in (cs[:limit] if limit else cs)
            if (not tag or set(tag) & set(c.tags)) and (not case or c.id in case)
        ]
        if not cases:
            raise EvalError("no case matches --tag/--case: check the names (see the dataset files)")
        ids = [i for i, _ in loaded]
        eval_id = "+".join(ids) + (f"#{','.join(tag)}" if tag else "")
        base = read_report(baseline) if baseline else None
        cache = None if no_cache else ResponseCache()
        handle = open_chat_model(model, base_url, model_path)
        use_judge = handle.capable if judge is None else judge
        if not use_judge:
            stderr.print("LLM-as-judge skipped: needs a capable model (--model openai:<name>) or --judge")
        runs = [("current", PromptSet())] + ([(" ".join(prompt), prompt_set(prompt))] if prompt else [])
        reports: list[EvalReport] = []
        try:
            with progress_bar() as progress:
                for name, prompts in runs:
                    reports.append(
                        run_cases(
                            eval_id,
                            ids,
                            cases,
                            handle,
                            prompts,
                            cache,
                            progress,
                            variant=None if name == "current" else name,
                            judge=handle if use_judge else None,
                        )
                    )
        finally:
            handle.close()
        deltas = compare(reports[-1], base) if base else None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        for report in reports:
            stem = out_dir / f"{eval_id.replace('/', '_')}-{stamp}{'-variant' if report.variant else ''}"
            write_json(report, stem.with_suffix(".json"))
            stem.with_suffix(".html").parent.mkdir(parents=True, exist_ok=True)
            stem.with_suffix(".html").write_text(
                render_html(report, deltas if report is reports[-1] else None), encoding="utf-8"
            )
            stderr.print(f"report: {stem}.json, {stem}.html")
        Console().print(_table(reports, deltas))
        if deltas is not None:
            check_gate(deltas)
