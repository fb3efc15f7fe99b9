"""Durable per-article results: an analysis cache plus an append-only run log.

Each finished analysis is written atomically to the cache under a key of
(content hash, prompt versions, model), so a crash or SIGKILL loses at most
the article in flight, and any later run over the same articles recomputes
nothing. The run folder's ``articles.jsonl`` gets one line per article as it
finishes (analysis or error), appended and flushed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from agent import __version__
from agent.paths import cache_dir
from agent.schema import Analysis


class ArticleResult(BaseModel):
    """One article of a briefing run: its id, where it came from, and its analysis or error."""

    id: str
    origin: str
    content_hash: str
    analysis: Analysis | None = None
    error: str | None = None
    from_cache: bool = False


def analysis_key(content_hash: str, prompt_ids: list[str], model_id: str, agent_version: str = __version__) -> str:
    """Cache key of one article's analysis: (hash of the exact title and text, prompt versions, model, code).

    The agent's version is part of it because code steps (source phrases, checks) shape an analysis too.
    """
    payload = json.dumps([content_hash, sorted(prompt_ids), model_id, agent_version])
    return hashlib.sha256(payload.encode()).hexdigest()


class AnalysisStore:
    """Finished analyses on disk, one JSON file each."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_dir() / "analyses"

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Analysis | None:
        """The stored analysis, or None (a corrupt file counts as missing)."""
        try:
            return Analysis.model_validate_json(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValidationError, ValueError):
            return None

    def put(self, key: str, analysis: Analysis) -> None:
        """Store atomically: write a temporary file, fsync, rename."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(analysis.model_dump_json())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)


class RunLog:
    """Append-only JSONL of article results for one run folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)

    def append(self, result: ArticleResult) -> None:
        """Append one result line and flush it to disk."""
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(result.model_dump_json() + "\n")
            fh.flush()
            os.fsync(fh.fileno())

    def read(self) -> list[ArticleResult]:
        """Every complete line written so far (a torn last line is ignored)."""
        if not self.path.exists():
            return []
        results = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                results.append(ArticleResult.model_validate_json(line))
            except (ValidationError, ValueError):
                continue
        return results
