"""The ``agent`` command line: thin commands over the library.

Each command parses its options, calls one library function and renders the
result. Errors become one line on stderr and a non-zero exit (see
``agent.cli_support.cli_errors``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markdown import Markdown

from agent import __version__
from agent.cli_brief import brief_command
from agent.cli_eval import eval_command
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
    write_output,
)
from agent.ingest import load_article
from agent.llm.response_cache import ResponseCache
from agent.pipeline import AnalyzeOptions, analyze_article
from agent.prompts import list_prompts
from agent.render import render_markdown
from agent.schema import Analysis

app = typer.Typer(
    help="Read news across languages: bilingual summaries, attributed claims, stance, briefings and evals.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(str, Enum):
    """Output formats."""

    markdown = "markdown"
    json = "json"


SourceArg = Annotated[str, typer.Argument(help="Article: a file (.txt, .md, .html), a URL, or - for stdin.")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="markdown (default) or json.")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")]
MaxBytesOpt = Annotated[int, typer.Option("--max-bytes", help="Largest article accepted, in bytes.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"agent {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Read news across languages from the terminal."""


def _emit(analysis: Analysis, fmt: Format, out: Path | None, sections: tuple[str, ...]) -> None:
    if fmt is Format.json:
        write_output(analysis.model_dump_json(indent=2), out)
        return
    text = render_markdown(analysis, sections)
    if out is None and sys.stdout.isatty():
        Console().print(Markdown(text))
    else:
        write_output(text, out)


def _run(
    source: str,
    steps: tuple[str, ...],
    fmt: Format,
    out: Path | None,
    model: str | None,
    base_url: str | None,
    model_path: Path | None,
    prompt: list[str] | None,
    no_cache: bool,
    max_bytes: int,
) -> None:
    with cli_errors():
        article = load_article(source, stdin=sys.stdin.buffer, max_bytes=max_bytes)
        options = AnalyzeOptions(steps=steps, prompts=prompt_set(prompt), cache=None if no_cache else ResponseCache())
        handle = open_chat_model(model, base_url, model_path)
        try:
            with progress_bar() as progress:
                analysis = analyze_article(article, handle, options, progress)
        finally:
            handle.close()
        _emit(analysis, fmt, out, steps)


VIEWS = {
    "analyze": (("summary", "claims", "stance"), "Summaries, attributed claims and stance of one article."),
    "summarize": (("summary",), "Only the summaries: in the article's language and in English."),
    "claims": (("claims",), "Only the attributed claims: who says what, with verbatim quotes."),
    "stance": (
        ("claims", "stance"),
        "Claims and stance: the article's and each actor's stance, loaded terms, sourcing.",
    ),
}


def _view_command(steps: tuple[str, ...], doc: str) -> Callable[..., None]:
    """One article command running ``steps``; the four views share every option."""

    def command(
        source: SourceArg,
        format: FormatOpt = Format.markdown,
        out: OutOpt = None,
        model: ModelOpt = None,
        base_url: BaseUrlOpt = None,
        model_path: ModelPathOpt = None,
        prompt: PromptOpt = None,
        no_cache: NoCacheOpt = False,
        max_bytes: MaxBytesOpt = 2_000_000,
    ) -> None:
        _run(source, steps, format, out, model, base_url, model_path, prompt, no_cache, max_bytes)

    command.__doc__ = doc
    return command


for _name, (_steps, _doc) in VIEWS.items():
    app.command(_name)(_view_command(_steps, _doc))


@app.command()
def prompts() -> None:
    """List the prompt files and their versions."""
    with cli_errors():
        for p in list_prompts():
            typer.echo(f"{p.id:28} {p.meta.get('description', '')}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the analysis (the --format json interface)."""
    typer.echo(json.dumps(Analysis.model_json_schema(), indent=2))


app.command("eval")(eval_command)
app.command("brief")(brief_command)


if __name__ == "__main__":  # pragma: no cover
    app()
