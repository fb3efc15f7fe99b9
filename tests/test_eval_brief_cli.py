"""`agent eval` and `agent brief` end to end on the fake model: reports, the baseline gate, resumable briefings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import fake_handle, fenced, scripted_responder
from typer.testing import CliRunner

from agent.brief.store import ArticleResult, RunLog, analysis_key
from agent.cli import app
from agent.llm.factory import ModelHandle

DE = (
    "Die Stadt Lindau baut eine neue Brücke über den Hafen. „Die Brücke wird im Mai fertig“, sagte "
    "Bürgermeisterin Anna Berger am Montag. Der Bauunternehmer Karl Vogt erklärte, die Kosten lägen bei "
    "zwölf Millionen Euro."
)
EN = (
    "The harbour bridge in Lindau will open in May, the city said on Monday. “We are on schedule,” said "
    "mayor Anna Berger. Builder Karl Vogt said costs were twelve million euros."
)
OTHER = (
    "Farmers in Valdoria protested against new water rules on Tuesday. “We cannot irrigate our fields,” said "
    "union leader Maria Costa. The ministry said the rules protect the river."
)


def responder() -> object:
    base = scripted_responder(speakers=["Anna Berger", "Karl Vogt", "Maria Costa"])

    def respond(messages: list) -> str:
        task = next(str(m.content) for m in reversed(messages) if str(m.content).startswith("TASK:"))
        if task.startswith("TASK: write the briefing entry"):
            ids = [i for i in ("a1", "a2", "a3") if f"[{i}]" in str(messages[1].content)]
            return json.dumps(
                {
                    "headline": "Story",
                    "synthesis": [
                        {"text": "Something happened.", "sources": ids[:1]},
                        {"text": "Unsupported statement.", "sources": ["a99"]},
                    ],
                    "agreements": [{"text": "Both agree.", "sources": ids}],
                    "contradictions": [],
                }
            )
        if 'Answer with form "reported"' in task:  # the deliberately broken attribution@2 variant
            return json.dumps(
                {
                    "form": "reported",
                    "source_phrase": "",
                    "speaker": "Nobody Atall",
                    "speaker_role": "",
                    "claim_en": "A statement.",
                }
            )
        fenced(str(messages[1].content))
        return base(messages)

    return respond


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> ModelHandle:
    handle = fake_handle(responder())
    for module in ("agent.cli_eval", "agent.cli_brief"):
        monkeypatch.setattr(f"{module}.open_chat_model", lambda *a, **k: handle)
    return handle


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    rows = [
        {
            "id": "de-1",
            "language": "de",
            "text": DE,
            "tags": ["ci"],
            "gold": {
                "speakers": ["Anna Berger", "Karl Vogt"],
                "quotes": [{"speaker": "Anna Berger", "text": "Die Brücke wird im Mai fertig"}],
                "summary_facts": [["Lindau"]],
            },
        },
        {
            "id": "en-1",
            "language": "en",
            "text": EN,
            "tags": ["ci"],
            "gold": {"speakers": ["Anna Berger", "Karl Vogt"], "forbidden": ["PWNED"]},
        },
    ]
    path = tmp_path / "mini@1.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_eval_writes_reports_and_table(fake: ModelHandle, dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = CliRunner().invoke(app, ["eval", "--dataset", str(dataset), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(next(out.glob("*.json")).read_text())
    assert report["metrics"]["all/speaker_f1"] == 1.0
    assert report["metrics"]["all/quote_verbatim"] == 1.0
    assert "<html" in next(out.glob("*.html")).read_text().lower()
    assert "speaker_f1" in result.stdout


def test_broken_variant_fails_the_baseline_gate(fake: ModelHandle, dataset: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base_dir, run_dir = tmp_path / "base", tmp_path / "run"
    assert runner.invoke(app, ["eval", "-d", str(dataset), "--out-dir", str(base_dir)]).exit_code == 0
    baseline = next(base_dir.glob("*.json"))
    same = runner.invoke(app, ["eval", "-d", str(dataset), "--out-dir", str(run_dir), "--baseline", str(baseline)])
    assert same.exit_code == 0, same.output
    broken = runner.invoke(
        app,
        [
            "eval",
            "-d",
            str(dataset),
            "--out-dir",
            str(run_dir),
            "--baseline",
            str(baseline),
            "--prompt",
            "attribution@2",
        ],
    )
    assert broken.exit_code == 5
    assert "speaker_recall" in broken.stderr, broken.stderr


def test_eval_unknown_tag_is_one_clear_error(fake: ModelHandle, dataset: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "-d", str(dataset), "--tag", "nope"])
    assert result.exit_code == 5
    assert result.stderr.startswith("error:") and "Traceback" not in result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    news = tmp_path / "news"
    (news / "sub").mkdir(parents=True)
    (news / "a_de.txt").write_text(DE, encoding="utf-8")
    (news / "sub" / "b_en.txt").write_text(EN, encoding="utf-8")
    (news / "c_other.txt").write_text(OTHER, encoding="utf-8")
    (news / "d_copy.txt").write_text(EN, encoding="utf-8")
    (news / "e_empty.txt").write_text("  \n", encoding="utf-8")
    return news


def test_brief_writes_a_cited_briefing_and_lists_failures(fake: ModelHandle, folder: Path, tmp_path: Path) -> None:
    run = tmp_path / "run"
    result = CliRunner().invoke(app, ["brief", str(folder), "--run-dir", str(run)])
    assert result.exit_code == 6, result.output  # one article failed to load
    briefing = (run / "briefing.md").read_text()
    assert "## Sources" in briefing and "e_empty.txt" in briefing
    assert "Unsupported statement" not in briefing  # cites an id that is not in the dossier
    assert "Something happened. [a" in briefing
    data = json.loads((run / "briefing.json").read_text())
    assert {d["kind"] for d in data["duplicates"]} == {"exact"}
    lines = (run / "articles.jsonl").read_text().splitlines()
    assert len(lines) == 3


def test_brief_rerun_recomputes_nothing(fake: ModelHandle, folder: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(app, ["brief", str(folder), "--run-dir", str(tmp_path / "r1")])
    calls_first = len(fake.chat.calls)
    runner.invoke(app, ["brief", str(folder), "--run-dir", str(tmp_path / "r2")])
    assert calls_first > 0
    assert len(fake.chat.calls) == calls_first  # analyses from the store, syntheses from the reply cache
    results = [json.loads(line) for line in (tmp_path / "r2" / "articles.jsonl").read_text().splitlines()]
    assert all(r["from_cache"] for r in results)


def test_run_log_ignores_a_torn_last_line(tmp_path: Path) -> None:
    log = RunLog(tmp_path / "articles.jsonl")
    log.append(ArticleResult(id="a1", origin="x.txt", content_hash="h", error="empty"))
    with log.path.open("a") as fh:
        fh.write('{"id": "a2", "origin": ')  # a crash mid-write
    assert [r.id for r in log.read()] == ["a1"]


@pytest.mark.parametrize(
    ("change", "same"),
    [
        ({}, True),
        ({"content_hash": "b" * 64}, False),
        ({"prompt_ids": ["summary@1"]}, False),
        ({"model_id": "other"}, False),
        ({"agent_version": "9.9.9"}, False),  # new code may analyse differently: recompute
    ],
)
def test_analysis_key_covers_text_prompts_model_and_code(change: dict, same: bool) -> None:
    base = {"content_hash": "a" * 64, "prompt_ids": ["summary@2"], "model_id": "m", "agent_version": "1.0"}
    assert (analysis_key(**base) == analysis_key(**{**base, **change})) is same
