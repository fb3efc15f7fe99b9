"""Dataset readers: every row format, directory loading and one-line errors (agent.evals.datasets)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from agent.errors import EvalError
from agent.evals.datasets import default_datasets, detect_format, load_dataset, spkatt_speakers


def write_rows(path: Path, rows: list[Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    return path


CORE = {
    "id": "c1",
    "language": "de",
    "title": "T",
    "text": "Rubio sagte: „Ja.“",
    "tags": ["x"],
    "licence": "ignored",
    "gold": {"speakers": ["Rubio"], "summary_facts": [["ja", "yes"]], "forbidden": ["PWNED"]},
}
SPKATT = {
    "id": "s1",
    "language": "de",
    "task": "speaker_attribution",
    "text": "Die SPD sagt, sie wolle.",
    "annotations": [
        {"source": {"text": "Die SPD"}},
        {"source": {"text": "sie"}},
        {"source": None},
        {"source": {"text": "die SPD"}},
        {"source": {"text": None}},
    ],
}
MLSUM = {
    "id": "m1",
    "language": "fr",
    "task": "summarization",
    "title": "T",
    "article": "Le texte.",
    "reference_summary": "Le résumé.",
    "url": "https://example.org/a",
    "summary_is_prefix_of_article_derived": True,
}
FNC1 = {
    "id": "f1",
    "language": "en",
    "task": "headline_body_stance",
    "headline": "Claim",
    "body": "Body text.",
    "label": "discuss",
}
HTML = {
    "id": "h1",
    "language": "de",
    "url": "https://example.org/p",
    "html_file": "html/p.html",
    "expected_with": ["Haupttext"],
    "expected_without": ["Newsletter"],
    "other_fields": {"title": "Seite"},
}


@pytest.mark.parametrize(
    ("row", "file", "dataset", "task", "check"),
    [
        (
            CORE,
            "core@1.jsonl",
            "core@1",
            "analysis",
            lambda c: c.gold.speakers == ["Rubio"] and c.text.startswith("Rubio") and c.tags == ["x"],
        ),
        (SPKATT, "spkatt.jsonl", "spkatt-de", "speakers", lambda c: c.gold.speakers == ["Die SPD"]),
        (
            MLSUM,
            "mlsum.jsonl",
            "mlsum",
            "summary",
            lambda c: c.gold.reference_summary == "Le résumé." and c.text == "Le texte." and "lead-reference" in c.tags,
        ),
        (
            FNC1,
            "fnc.jsonl",
            "fnc1",
            "headline_stance",
            lambda c: c.text == "Body text." and c.gold.headline == "Claim" and c.gold.headline_stance == "discuss",
        ),
        (
            HTML,
            "pages.jsonl",
            "html-extraction",
            "extraction",
            lambda c: (
                c.html == "<p>Haupttext</p>"
                and c.text == ""
                and c.gold.html_must == ["Haupttext"]
                and c.gold.html_must_not == ["Newsletter"]
                and c.title == "Seite"
            ),
        ),
    ],
)
def test_load_each_format(tmp_path: Path, row: dict, file: str, dataset: str, task: str, check: Any) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p.html").write_text("<p>Haupttext</p>", encoding="utf-8")
    dataset_id, cases = load_dataset(write_rows(tmp_path / file, [row]), tmp_path)
    assert dataset_id == dataset
    assert [c.dataset for c in cases] == [dataset]
    assert cases[0].task == task
    assert cases[0].language == row["language"]
    assert check(cases[0])


def test_core_row_reads_article_from_path_relative_to_repo(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Artikeltext", encoding="utf-8")
    row = {"id": "p1", "language": "de", "path": "seeds/a.txt", "gold": {}}
    _, cases = load_dataset(write_rows(tmp_path / "evals" / "datasets" / "core@2.jsonl", [row, ""]), tmp_path)
    assert [c.text for c in cases] == ["Artikeltext"]


def test_row_without_id_is_named_after_file_and_line(tmp_path: Path) -> None:
    row = {k: v for k, v in FNC1.items() if k != "id"}
    _, cases = load_dataset(write_rows(tmp_path / "fnc.jsonl", ["", row]), tmp_path)
    assert cases[0].id == "fnc-2"


def test_directory_loads_every_jsonl_recursively(tmp_path: Path) -> None:
    write_rows(tmp_path / "data" / "a.jsonl", [FNC1])
    write_rows(tmp_path / "data" / "sub" / "b.jsonl", [MLSUM])
    dataset_id, cases = load_dataset(tmp_path / "data", tmp_path)
    assert dataset_id == "data"
    assert sorted(c.dataset for c in cases) == ["fnc1", "mlsum"]


def test_default_datasets_are_sorted_core_files(tmp_path: Path) -> None:
    for name in ("b@1.jsonl", "a@1.jsonl", "notes.md"):
        write_rows(tmp_path / "evals" / "datasets" / name, [CORE])
    assert [p.name for p in default_datasets(tmp_path)] == ["a@1.jsonl", "b@1.jsonl"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"id": "x", "foo": 1}], "unknown row format"),
        (["{not json"], "invalid JSON"),
        (["[1, 2]"], "must be a JSON object"),
        ([], "is empty"),
        ([FNC1, MLSUM], "not in the fnc1 format"),
        ([FNC1, FNC1], "occurs twice"),
        ([{"id": "c", "gold": {"speakerz": []}, "text": "t"}], "invalid core row"),
        ([{"id": "c", "gold": {"headline_stance": "maybe"}, "text": "t"}], "invalid core row"),
        ([{"id": "c", "gold": {}}], "neither 'text' nor 'path'"),
        ([{"id": "c", "gold": {}, "path": "missing.txt"}], "cannot read"),
        ([{k: v for k, v in FNC1.items() if k != "body"}], "lacks or mistypes 'body'"),
        ([HTML], "'html_file' is relative"),
    ],
)
def test_bad_datasets_raise_one_line_eval_errors(tmp_path: Path, rows: list[Any], message: str) -> None:
    with pytest.raises(EvalError, match=message) as info:
        load_dataset(write_rows(tmp_path / "d.jsonl", rows), tmp_path)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("path", ["missing.jsonl", "emptydir"])
def test_missing_paths_raise(tmp_path: Path, path: str) -> None:
    (tmp_path / "emptydir").mkdir()
    with pytest.raises(EvalError):
        load_dataset(tmp_path / path, tmp_path)


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (["Die SPD", "die SPD", "SPD"], ["Die SPD"]),
        (["er", "Sie", "es", "ihrer Meinung", "demnach", "dieser", "Er"], []),
        (
            ["Angaben der New York Times", "Ansicht von Beobachtern"],
            ["Angaben der New York Times", "Ansicht von Beobachtern"],
        ),
        (
            ["Obama", "In einer Erklärung des Präsidenten Barack Obama"],
            ["Obama", "In einer Erklärung des Präsidenten Barack Obama"],
        ),
        ([None, "", "  "], []),
    ],
)
def test_spkatt_speakers(sources: list[str | None], expected: list[str]) -> None:
    assert spkatt_speakers([{"source": {"text": s}} for s in sources]) == expected


@pytest.mark.parametrize(
    ("row", "kind"),
    [
        (CORE, "core"),
        (SPKATT, "spkatt"),
        (MLSUM, "mlsum"),
        (FNC1, "fnc1"),
        (HTML, "html"),
        ({"headline": "h", "body": "b"}, "fnc1"),
        ({"reference_summary": "r", "article": "a"}, "mlsum"),
    ],
)
def test_detect_format(row: dict, kind: str) -> None:
    assert detect_format(row) == kind
