"""``agent brief``: one English briefing from many articles, resumable, losing nothing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from agent.brief.briefing import build_briefing
from agent.brief.render import render_briefing
from agent.brief.run import analyze_many
from agent.brief.store import AnalysisStore, RunLog
from agent.cli_support import (
    BaseUrlOpt,
    ModelOpt,
    ModelPathOpt,
    NoCacheOpt,
    PromptOpt,
    cli_errors,
    open_chat_model,
    progress_bar,
    prompt_set,
    stderr,
    write_output,
)
from agent.errors import InputError
from agent.ingest import collect_articles
from agent.llm.response_cache import ResponseCache
from agent.pipeline.analyze import AnalyzeOptions

SOME_FAILED = 6


def brief_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Folders, globs, files (.txt .md .html), JSONL, feeds (file or URL), URL lists, or - for stdin."
        ),
    ],
    run_dir: Annotated[
        Path,
        typer.Option(
            "--run-dir", help="Folder for the run log (articles.jsonl) and the final briefing.md / briefing.json."
        ),
    ] = Path("agent-brief"),
    format: Annotated[str, typer.Option("--format", "-f", help="markdown or json on stdout.")] = "markdown",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Also write the briefing here.")] = None,
    concurrency: Annotated[
        int,
        typer.Option(
            "--concurrency",
            "-j",
            help="Parallel articles on a remote endpoint (the embedded model runs one at a time).",
        ),
    ] = 1,
    model: ModelOpt = None,
    base_url: BaseUrlOpt = None,
    model_path: ModelPathOpt = None,
    prompt: PromptOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Analyse many articles (cached, resumable) and write one English briefing citing its sources."""
    with cli_errors():
        if format not in ("markdown", "json"):
            raise InputError("--format takes markdown or json")
        with progress_bar() as progress:
            collected = collect_articles(
                sources, stdin=sys.stdin.buffer, progress=lambda origin: progress("reading", 0, 0)
            )
        if not collected.articles:
            raise InputError(
                "no readable article among the sources: "
                + "; ".join(f"{f.origin}: {f.error}" for f in collected.failures[:3])
            )
        for dup in collected.duplicates:
            stderr.print(f"duplicate ({dup.kind}): {dup.origin} = {dup.duplicate_of}", highlight=False)
        options = AnalyzeOptions(prompts=prompt_set(prompt), cache=None if no_cache else ResponseCache())
        handle = open_chat_model(model, base_url, model_path)
        try:
            with progress_bar() as progress:
                results = analyze_many(
                    collected.articles,
                    handle,
                    options,
                    AnalysisStore(),
                    RunLog(run_dir / "articles.jsonl"),
                    progress,
                    concurrency,
                )
                briefing = build_briefing(results, collected, handle, options.prompts, options.cache, progress)
        finally:
            handle.close()
        markdown = render_briefing(briefing)
        as_json = briefing.model_dump_json(indent=2)
        write_output(markdown, run_dir / "briefing.md")
        write_output(as_json, run_dir / "briefing.json")
        chosen = as_json if format == "json" else markdown
        if out is not None:
            write_output(chosen, out)
        write_output(chosen, None)
        failed = len(briefing.failures)
        reused = sum(r.from_cache for r in results)
        stderr.print(
            f"{len(results)} articles ({reused} from cache), {failed} failed, "
            f"{len(collected.duplicates)} duplicates; briefing in {run_dir}/",
            highlight=False,
        )
        if failed:
            raise typer.Exit(SOME_FAILED)
