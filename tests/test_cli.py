"""The ``agent`` command line with a fake model: outputs, files, stdin, and one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fakes import DATA, fake_handle, scripted_responder, task_of
from typer.testing import CliRunner

import agent.cli
import agent.cli_support
from agent.cli import app
from agent.errors import ModelError
from agent.llm.factory import ModelHandle

ANSI = re.compile(r"\x1b\[[0-9;]*m")
GERMAN = (DATA / "de_bahnstreik.txt").read_text(encoding="utf-8")
ENGLISH = (DATA / "en_harbour.txt").read_text(encoding="utf-8")
SPEAKERS = ["Klaus Weber", "Petra Lindner", "Lindner", "Helen Carter", "Tom Baker", "Baker"]


@pytest.fixture
def handles(monkeypatch: pytest.MonkeyPatch) -> list[ModelHandle]:
    """Every model the CLI opens is a fake; the list collects them for assertions."""
    opened: list[ModelHandle] = []

    def open_fake(model: str | None, base_url: str | None, model_path: Path | None) -> ModelHandle:
        handle = fake_handle(scripted_responder(speakers=SPEAKERS, targets=["Gewerkschaft", "union"]))
        opened.append(handle)
        return handle

    monkeypatch.setattr(agent.cli, "open_chat_model", open_fake)
    return opened


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def german_file(tmp_path: Path) -> Path:
    path = tmp_path / "streik.txt"
    path.write_text(GERMAN, encoding="utf-8")
    return path


def stderr_lines(result) -> list[str]:  # noqa: ANN001
    return [ANSI.sub("", line) for line in result.stderr.splitlines() if line.strip()]


def test_analyze_json(runner: CliRunner, handles: list[ModelHandle], german_file: Path) -> None:
    result = runner.invoke(app, ["analyze", str(german_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"source", "summary", "summary_en", "claims", "stance", "provenance"} <= data.keys()
    assert data["source"]["language"] == "de"
    assert data["source"]["origin"] == str(german_file)
    assert data["summary"].startswith("Die Gewerkschaft der Lokführer")
    assert [c["speaker"] for c in data["claims"]] == ["Deutschen Bahn", "Klaus Weber", "Petra Lindner", "Petra Lindner"]
    assert data["provenance"]["backend"] == "fake"
    assert len(handles) == 1


def test_analyze_markdown(runner: CliRunner, handles: list[ModelHandle], german_file: Path) -> None:
    result = runner.invoke(app, ["analyze", str(german_file)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for heading in ("## Summary (German)", "## Summary (English)", "## Claims", "## Stance"):
        assert heading in out
    assert "„Wir lassen uns nicht länger hinhalten“ — verbatim" in out
    assert "**Klaus Weber**" in out
    assert "fake (fake)" in out


def test_out_writes_the_file(runner: CliRunner, handles: list[ModelHandle], german_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "streik.json"
    result = runner.invoke(app, ["analyze", str(german_file), "-f", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["source"]["language"] == "de"
    assert [p.name for p in out.parent.iterdir()] == ["streik.json"]  # no temporary file left


@pytest.mark.parametrize(
    ("command", "present", "absent", "tasks"),
    [
        ("summarize", ["## Summary (German)"], ["## Claims", "## Stance"], {"summary", "translate"}),
        ("claims", ["## Claims"], ["## Summary", "## Stance"], {"attribution"}),
        ("stance", ["## Claims", "## Stance"], ["## Summary"], {"attribution", "framing", "stance", "stance_actor"}),
    ],
)
def test_single_step_commands(
    runner: CliRunner,
    handles: list[ModelHandle],
    german_file: Path,
    command: str,
    present: list[str],
    absent: list[str],
    tasks: set[str],
) -> None:
    result = runner.invoke(app, [command, str(german_file)])
    assert result.exit_code == 0, result.output
    for text in present:
        assert text in result.stdout
    for text in absent:
        assert text not in result.stdout
    assert {task_of(c) for c in handles[0].chat.calls} == tasks


def test_summarize_json_has_no_claims(runner: CliRunner, handles: list[ModelHandle], german_file: Path) -> None:
    result = runner.invoke(app, ["summarize", str(german_file), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["claims"] == [] and data["summary_en"]


def test_stdin(runner: CliRunner, handles: list[ModelHandle]) -> None:
    result = runner.invoke(app, ["analyze", "-", "--format", "json"], input=ENGLISH)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["source"]["origin"] == "-"
    assert data["source"]["language"] == "en"
    assert data["summary_en"] == data["summary"]


def test_cache_reuses_replies_and_no_cache_does_not(
    runner: CliRunner, handles: list[ModelHandle], german_file: Path
) -> None:
    runner.invoke(app, ["summarize", str(german_file)])
    runner.invoke(app, ["summarize", str(german_file)])
    runner.invoke(app, ["summarize", str(german_file), "--no-cache"])
    assert [len(h.chat.calls) for h in handles] == [2, 0, 2]


def test_prompt_option(runner: CliRunner, handles: list[ModelHandle], german_file: Path) -> None:
    result = runner.invoke(app, ["claims", str(german_file), "-f", "json", "--prompt", "attribution@1"])
    assert result.exit_code == 0, result.output
    assert "attribution@1" in json.loads(result.stdout)["provenance"]["prompts"]


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"agent {agent.__version__}"


@pytest.mark.parametrize("command", ["analyze", "summarize", "claims", "stance", "prompts", "schema"])
def test_help(runner: CliRunner, command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    assert command in result.stdout


def test_prompts_lists_prompt_ids(runner: CliRunner) -> None:
    result = runner.invoke(app, ["prompts"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    summary = next(line for line in lines if line.startswith("summary@1"))
    assert "Summary of the article in its own language." in summary
    assert any(line.startswith("attribution@2") for line in lines)


def test_schema_prints_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "properties" in schema
    assert {"source", "summary", "summary_en", "claims", "stance", "provenance"} <= schema["properties"].keys()


# --- errors: one line on stderr, non-zero exit, no traceback -----------------------------------


def make_input(tmp_path: Path, kind: str) -> str:
    path = tmp_path / f"{kind}.txt"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "whitespace":
        path.write_text("   \n\n\t  \n", encoding="utf-8")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    elif kind == "missing":
        pass
    elif kind == "directory":
        path = tmp_path / "folder"
        path.mkdir()
    elif kind == "huge":
        path.write_bytes(b"Ein Satz. " * 500_000)  # 5 MB
    elif kind == "nolanguage":
        path.write_text("12345 678 !!! 90 ...", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("empty", "is empty"),
        ("whitespace", "is empty"),
        ("binary", "is a binary file"),
        ("missing", "file not found"),
        ("directory", "is a folder"),
        ("huge", "over the 2 MB limit"),
        ("nolanguage", "no recognisable language"),
    ],
)
def test_bad_inputs_give_one_error_line(
    runner: CliRunner, handles: list[ModelHandle], tmp_path: Path, kind: str, message: str
) -> None:
    result = runner.invoke(app, ["analyze", make_input(tmp_path, kind)])
    assert result.exit_code == 2
    lines = stderr_lines(result)
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ")
    assert message in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert isinstance(result.exception, SystemExit)


def test_empty_stdin(runner: CliRunner, handles: list[ModelHandle]) -> None:
    result = runner.invoke(app, ["analyze", "-"], input="")
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert line.startswith("error: ") and "empty" in line


def test_max_bytes_option(runner: CliRunner, handles: list[ModelHandle], german_file: Path) -> None:
    result = runner.invoke(app, ["analyze", str(german_file), "--max-bytes", "100"])
    assert result.exit_code == 2
    (line,) = stderr_lines(result)
    assert "over the 100 bytes limit" in line


def test_bad_prompt_ref_is_a_prompt_error(runner: CliRunner, handles: list[ModelHandle], german_file: Path) -> None:
    result = runner.invoke(app, ["analyze", str(german_file), "--prompt", "summary@99"])
    assert result.exit_code == 4
    (line,) = stderr_lines(result)
    assert line == "error: prompt summary has no version 99; available: [1, 2]"


@pytest.mark.parametrize(
    ("exc", "code", "message"),
    [
        (ModelError("model not reachable: start it"), 3, "error: model not reachable: start it"),
        (RuntimeError("boom"), 70, "error: unexpected RuntimeError: boom"),
    ],
)
def test_model_errors_give_one_error_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, german_file: Path, exc: Exception, code: int, message: str
) -> None:
    def failing(*args: object) -> ModelHandle:
        raise exc

    monkeypatch.setattr(agent.cli, "open_chat_model", failing)
    result = runner.invoke(app, ["analyze", str(german_file)])
    assert result.exit_code == code
    (line,) = stderr_lines(result)
    assert line.startswith(message)
    assert "Traceback" not in result.output


def test_plain_progress_is_silent_when_quick_and_periodic_when_slow(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = iter([0.0, 1.0, 2.0, 40.0, 41.0, 90.0])  # start, then one reading per update
    monkeypatch.setattr(agent.cli_support.time, "monotonic", lambda: next(clock))
    monkeypatch.setattr(agent.cli_support, "stderr", agent.cli_support.Console(stderr=True, markup=False))
    update = agent.cli_support.plain_progress(interval=30)
    update("quick", 1, 1)  # finished before anything was printed: silent
    update("eval", 1, 4)
    update("eval", 2, 4)  # 40 s in: one line
    update("eval", 3, 4)  # 1 s later: nothing
    update("eval", 4, 4)  # done after a line was printed: the final line
    assert capsys.readouterr().err.splitlines() == ["eval: 2/4 (40 s)", "eval: 4/4 (90 s)"]
