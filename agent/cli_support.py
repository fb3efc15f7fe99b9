"""What every CLI command shares: error handling at the edge, progress, model options, output."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

from agent.errors import AgentError
from agent.llm.factory import ModelHandle, open_model
from agent.pipeline.session import PromptSet
from agent.prompts import parse_prompt_ref

# Messages carry untrusted text (paths, URLs, model output): never interpret it as Rich markup.
stderr = Console(stderr=True, markup=False, highlight=False)


def print_error(message: str) -> None:
    """One ``error: …`` line on stderr."""
    stderr.print(Text.assemble(("error:", "bold red"), " ", message), soft_wrap=True)


ModelOpt = Annotated[
    str | None,
    typer.Option("--model", "-m", help="'embedded' (default), 'openai:<name>', or a model name at --base-url."),
]
BaseUrlOpt = Annotated[
    str | None, typer.Option("--base-url", help="Any OpenAI-compatible server (also OPENAI_BASE_URL).")
]
ModelPathOpt = Annotated[
    Path | None, typer.Option("--model-path", help="Your own GGUF file, served by the embedded runtime.")
]
PromptOpt = Annotated[
    list[str] | None, typer.Option("--prompt", help="Use a prompt version: NAME@VERSION (repeatable).")
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Do not reuse cached model replies.")]


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn every error into one line on stderr and a non-zero exit; never a traceback."""
    try:
        yield
    except AgentError as exc:
        print_error(str(exc))
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        stderr.print("interrupted", highlight=False)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # the edge of the program: anything else is a bug, still one line
        if os.environ.get("AGENT_DEBUG"):
            raise
        print_error(
            f"unexpected {type(exc).__name__}: {exc} (a bug: rerun with AGENT_DEBUG=1 for the traceback and report it)"
        )
        raise typer.Exit(70) from None


PLAIN_PROGRESS_SECONDS = 30.0


def plain_progress(interval: float = PLAIN_PROGRESS_SECONDS) -> Callable[[str, int, int], None]:
    """Progress as plain stderr lines (logs, CI): one line per ``interval`` seconds per label.

    A quick job prints nothing; a slow one says where it is, and that it finished.
    """
    last: dict[str, float] = {}
    started = time.monotonic()

    def update(label: str, done: int, total: int) -> None:
        now = time.monotonic()
        printed_before = label in last
        if now - last.get(label, started) >= interval or (done >= total and printed_before):
            stderr.print(f"{label}: {done}/{total} ({now - started:.0f} s)", soft_wrap=True)
            last[label] = now

    return update


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[Callable[[str, int, int], None]]:
    """A progress callback: a bar on a terminal, occasional plain lines when stderr is a log."""
    if not enabled:
        yield lambda label, done, total: None
        return
    if not sys.stderr.isatty():
        yield plain_progress()
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=stderr, transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(label: str, done: int, total: int) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=total)
            bar.update(tasks[label], completed=done, total=total)

        yield update


def open_chat_model(model: str | None, base_url: str | None, model_path: Path | None) -> ModelHandle:
    """Open the model the options ask for, showing assembly and start-up progress."""
    with progress_bar() as progress:

        def on_progress(stage: str, done: int, total: int) -> None:
            if stage == "assembling model":
                progress("assembling embedded model (first run only)", done // 2**20, total // 2**20)
            else:
                progress("starting model", done, total)

        return open_model(model, base_url=base_url, model_path=model_path, progress=on_progress)


def prompt_set(refs: list[str] | None) -> PromptSet:
    """The prompt versions chosen with ``--prompt NAME@VERSION``."""
    return PromptSet(dict(parse_prompt_ref(r) for r in refs or []))


def write_output(text: str, out: Path | None) -> None:
    """Write to ``out`` atomically, or to stdout."""
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as exc:
        raise AgentError(f"cannot write {out}: {exc.strerror} (choose another --out path)") from exc
