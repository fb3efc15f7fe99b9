"""Eval dataset readers: JSON Lines files (one case per line) in five row formats, auto-detected.

``load_dataset(path, repo_root)`` reads one ``.jsonl`` file, or every ``*.jsonl`` below a
directory (recursively, in sorted order), and returns ``(dataset_id, cases)``. The format is
detected from a file's first row; every row of the file must then fit it. Blank lines are
skipped. Every case keeps the dataset id of its own file in ``Case.dataset``.

1. **core** — our own format, ``evals/datasets/<name>@<version>.jsonl``; any row with ``gold``.
   Dataset id: the file stem (``core@1``). Task ``analysis`` unless the row sets ``task``.
   The article is ``text``, or ``path`` (a UTF-8 file relative to the repository root);
   ``gold`` holds any of the fields of ``agent.evals.cases.Gold`` and nothing else
   (``speakers``, ``quotes``, ``summary_facts``, ``stance``, ``loaded_terms``, ``forbidden``,
   ``reference_summary``, ``headline``, ``headline_stance``, ``html_must``, ``html_must_not``);
   unknown row keys (``licence``, ``note``) are ignored::

     {"id": "core-001", "language": "de", "title": "…", "path": "seeds/000_x.txt",
      "tags": ["politics"], "gold": {"speakers": ["Marco Rubio", "Lawrow"],
      "quotes": [{"speaker": "Rubio", "text": "Wir sind bereit"}],
      "summary_facts": [["Waffenruhe", "ceasefire"]], "forbidden": ["PWNED"],
      "stance": [{"holder": "article", "target": "Russland", "label": "critical"}]}}

2. **spkatt** — GermEval 2023 SpkAtt task 2 (speaker attribution), rows with
   ``task: "speaker_attribution"``. Dataset id ``spkatt-<language>``; task ``speakers``; the
   article is ``text``. ``gold.speakers`` are the distinct ``annotations[].source.text``
   values (distinct after ``names.normalize_name``: "Die SPD" and "die SPD" are one),
   dropping missing sources and *anaphoric* ones that name nobody: a source all of
   whose words are pronouns or anaphoric function words (``ANAPHORA``: er, sie, Sie, es,
   man, wir, dieser, diese, demnach, demzufolge, ihrer Meinung, seiner Ansicht, …)::

     {"id": "spkatt-1", "language": "de", "task": "speaker_attribution", "text": "…",
      "annotations": [{"source": {"text": "Die SPD"}}, {"source": {"text": "sie"}}]}

3. **mlsum** — MLSUM summarisation rows, ``task: "summarization"``. Dataset id ``mlsum``;
   task ``summary``; the article is ``article``; ``gold.reference_summary`` is
   ``reference_summary``; ``summary_is_prefix_of_article_derived: true`` adds the tag
   ``lead-reference`` (the reference is the article's own lead)::

     {"id": "mlsum-de-1", "language": "de", "task": "summarization", "title": "…",
      "article": "…", "reference_summary": "…", "url": "https://…"}

4. **fnc1** — Fake News Challenge stance rows, ``task: "headline_body_stance"``. Dataset id
   ``fnc1``; task ``headline_stance``; the article is ``body``; ``gold.headline`` is
   ``headline`` and ``gold.headline_stance`` is ``label`` (agree, disagree, discuss,
   unrelated)::

     {"id": "fnc1-1", "language": "en", "task": "headline_body_stance",
      "headline": "…", "body": "…", "label": "discuss"}

5. **html** — HTML main-text extraction pages (trafilatura's eval set), rows with
   ``html_file``. Dataset id ``html-extraction``; task ``extraction``; ``Case.html`` is read
   from ``html_file`` relative to the ``.jsonl`` file's folder and ``Case.text`` stays empty;
   ``gold.html_must`` is ``expected_with`` and ``gold.html_must_not`` ``expected_without``::

     {"id": "page-1", "language": "de", "url": "https://…", "html_file": "html/page-1.html",
      "expected_with": ["a sentence of the article"], "expected_without": ["Newsletter"]}

``language``, ``title``, ``url`` and ``tags`` are optional in every format; a row without
``id`` is named ``<file stem>-<line number>``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from agent.errors import AgentError, EvalError
from agent.evals.cases import Case, Gold
from agent.evals.names import normalize_name
from agent.ingest.decode import decode_bytes
from agent.text.pronouns import PRONOUNS

Row = dict[str, Any]
FORMATS = "core (rows with 'gold'), spkatt, mlsum, fnc1, html (rows with 'html_file')"

ANAPHORA = PRONOUNS | frozenset(
    [
        "jemand",
        "dieser",
        "diese",
        "dieses",
        "diesem",
        "diesen",
        "jener",
        "jene",
        "derselbe",
        "dieselbe",
        "demnach",
        "demzufolge",
        "derzufolge",
        "dazu",
        "zufolge",
        "laut",
        "so",
        "dies",
        "das",
        "der",
        "die",
        "den",
        "dem",
        "ihrer",
        "ihrem",
        "ihren",
        "seiner",
        "seinem",
        "seinen",
        "unserer",
        "meinung",
        "ansicht",
        "auffassung",
        "angaben",
        "nach",
        "this",
        "that",
    ]
)
"""Words that make an annotated speaker anaphoric when a source consists only of them."""


def default_datasets(repo_root: Path) -> list[Path]:
    """The project's own datasets: ``evals/datasets/*.jsonl`` under ``repo_root`` (in a checkout) or the
    copy shipped in the wheel (``agent/eval_datasets``), sorted."""
    folder = repo_root / "evals" / "datasets"
    if not folder.is_dir():
        folder = Path(__file__).resolve().parent.parent / "eval_datasets"
    return sorted(folder.glob("*.jsonl"))


def load_dataset(path: Path, repo_root: Path) -> tuple[str, list[Case]]:
    """Read a ``.jsonl`` file (or every ``*.jsonl`` below a directory) into ``(dataset_id, cases)``.

    A directory's id is its name; each case keeps its own file's id in ``Case.dataset``.
    Raises ``EvalError`` for a missing path, bad JSON, an unknown row format or duplicate ids.
    """
    if path.is_dir():
        files = sorted(path.rglob("*.jsonl"))
        if not files:
            raise EvalError(f"{path} holds no .jsonl files: point --dataset at a folder of JSON Lines datasets")
        cases = [case for file in files for case in _load_file(file, repo_root)[1]]
        _check_unique(cases, path)
        return path.name, cases
    if not path.is_file():
        raise EvalError(f"dataset {path} not found: check the path (datasets are .jsonl files)")
    dataset_id, cases = _load_file(path, repo_root)
    _check_unique(cases, path)
    return dataset_id, cases


def _load_file(path: Path, repo_root: Path) -> tuple[str, list[Case]]:
    rows = _read_rows(path)
    if not rows:
        raise EvalError(f"dataset {path} is empty: add one JSON object per line")
    kind = detect_format(rows[0][1], path, rows[0][0])
    parser, dataset_id = _PARSERS[kind], _dataset_id(kind, path, rows[0][1])
    cases: list[Case] = []
    for line, row in rows:
        where = f"{path}:{line}"
        if detect_format(row, path, line) != kind:
            raise EvalError(f"{where}: row is not in the {kind} format of the file's first row: use one format a file")
        row.setdefault("id", f"{path.stem}-{line}")
        try:
            cases.append(parser(row, dataset_id, path, repo_root))
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise EvalError(f"{where}: invalid {kind} row ({loc}: {first['msg']}): fix the row") from None
        except (KeyError, TypeError, AttributeError) as exc:
            raise EvalError(f"{where}: {kind} row lacks or mistypes {exc}: fix the row") from None
    return dataset_id, cases


def _read_rows(path: Path) -> list[tuple[int, Row]]:
    rows: list[tuple[int, Row]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"cannot read dataset {path} ({exc.__class__.__name__}): it must be UTF-8 JSON Lines") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(f"{path}:{number}: invalid JSON ({exc.msg}): one JSON object per line") from None
        if not isinstance(row, dict):
            raise EvalError(f"{path}:{number}: a row must be a JSON object: one object per line")
        rows.append((number, row))
    return rows


def detect_format(row: Row, path: Path | str = "<row>", line: int = 0) -> str:
    """Name the row format of ``row``: core, spkatt, mlsum, fnc1 or html; ``EvalError`` when unknown."""
    task = row.get("task")
    if "gold" in row:
        return "core"
    if task == "speaker_attribution" or "annotations" in row:
        return "spkatt"
    if task == "summarization" or "reference_summary" in row:
        return "mlsum"
    if task == "headline_body_stance" or ("headline" in row and "body" in row):
        return "fnc1"
    if "html_file" in row:
        return "html"
    raise EvalError(f"{path}:{line}: unknown row format (keys: {', '.join(sorted(row)[:8])}); accepted: {FORMATS}")


def _dataset_id(kind: str, path: Path, first: Row) -> str:
    if kind == "core":
        return path.stem
    if kind == "spkatt":
        return f"spkatt-{first.get('language') or 'de'}"
    return {"mlsum": "mlsum", "fnc1": "fnc1", "html": "html-extraction"}[kind]


def _common(row: Row, dataset_id: str) -> dict[str, Any]:
    return {
        "id": str(row["id"]),
        "dataset": dataset_id,
        "language": row.get("language"),
        "title": row.get("title"),
        "url": row.get("url"),
        "tags": list(row.get("tags") or []),
    }


def _core(row: Row, dataset_id: str, path: Path, repo_root: Path) -> Case:
    text = row.get("text")
    if text is None and row.get("path"):
        article = repo_root / row["path"]
        try:
            text = article.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EvalError(
                f"{path}: case {row['id']}: cannot read {article} ({exc.__class__.__name__}); "
                "'path' is relative to the repository root"
            ) from None
    if text is None and row.get("html") is None:
        raise EvalError(f"{path}: case {row['id']} has neither 'text' nor 'path': give the article one of them")
    return Case(
        **_common(row, dataset_id),
        text=text or "",
        html=row.get("html"),
        task=row.get("task", "analysis"),
        gold=Gold.model_validate(row["gold"]),
    )


def spkatt_speakers(annotations: list[Row]) -> list[str]:
    """Distinct named speakers of SpkAtt annotations: sources that are missing or anaphoric are dropped."""
    speakers: list[str] = []
    seen: set[str] = set()
    for ann in annotations:
        source = (ann.get("source") or {}).get("text")
        if not source or not source.strip():
            continue
        words = [w.strip(".,;:!?\"'„“”»«()").casefold() for w in source.split()]
        if all(w in ANAPHORA for w in words if w):
            continue
        key = normalize_name(source) or source.casefold()
        if key not in seen:
            seen.add(key)
            speakers.append(source.strip())
    return speakers


def _spkatt(row: Row, dataset_id: str, path: Path, repo_root: Path) -> Case:
    gold = Gold(speakers=spkatt_speakers(row.get("annotations") or []))
    return Case(**_common(row, dataset_id), text=row["text"], task="speakers", gold=gold)


def _mlsum(row: Row, dataset_id: str, path: Path, repo_root: Path) -> Case:
    case = Case(
        **_common(row, dataset_id),
        text=row["article"],
        task="summary",
        gold=Gold(reference_summary=row["reference_summary"]),
    )
    if row.get("summary_is_prefix_of_article_derived"):
        case.tags.append("lead-reference")
    return case


def _fnc1(row: Row, dataset_id: str, path: Path, repo_root: Path) -> Case:
    gold = Gold(headline=row["headline"], headline_stance=row["label"])
    return Case(**_common(row, dataset_id), text=row["body"], task="headline_stance", gold=gold)


def _html(row: Row, dataset_id: str, path: Path, repo_root: Path) -> Case:
    page = path.parent / row["html_file"]
    try:
        html = decode_bytes(page.read_bytes(), str(page))
    except OSError as exc:
        raise EvalError(
            f"{path}: case {row['id']}: cannot read {page} ({exc.__class__.__name__}); "
            "'html_file' is relative to the .jsonl file's folder"
        ) from None
    except AgentError as exc:
        raise EvalError(f"{path}: case {row['id']}: {exc}") from None
    common = _common(row, dataset_id)
    common["title"] = common["title"] or (row.get("other_fields") or {}).get("title")
    gold = Gold(html_must=row.get("expected_with") or [], html_must_not=row.get("expected_without") or [])
    return Case(**common, html=html, task="extraction", gold=gold)


_PARSERS: dict[str, Callable[[Row, str, Path, Path], Case]] = {
    "core": _core,
    "spkatt": _spkatt,
    "mlsum": _mlsum,
    "fnc1": _fnc1,
    "html": _html,
}


def _check_unique(cases: list[Case], path: Path) -> None:
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise EvalError(f"{path}: case id {case.id!r} occurs twice: give every case its own id")
        seen.add(case.id)
