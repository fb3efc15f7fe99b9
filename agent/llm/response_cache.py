"""On-disk cache of model replies keyed by (model, messages, reply schema).

Prompt versions and article text are part of the messages, so a new prompt
version or a changed article is a new key. Entries are small JSON files
written atomically; a corrupt entry is ignored and overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage

from agent.paths import cache_dir


class ResponseCache:
    """A folder of cached model replies."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_dir() / "responses"
        self.hits = 0

    @staticmethod
    def key(model_id: str, messages: list[BaseMessage], schema: dict[str, Any]) -> str:
        """Stable hash of everything that determines the reply."""
        payload = {
            "model": model_id,
            "messages": [(m.type, m.content) for m in messages],
            "schema": schema,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> str | None:
        """The cached reply text, or None."""
        try:
            content = json.loads(self._path(key).read_text(encoding="utf-8"))["content"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.hits += 1
        return content

    def put(self, key: str, content: str) -> None:
        """Store a reply (best effort: a full disk must not fail the analysis)."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            tmp.write_text(json.dumps({"content": content}, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass
