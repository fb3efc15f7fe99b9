"""Where the agent keeps its caches: one user cache directory, overridable."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Return the agent's cache directory (``$AGENT_CACHE_DIR`` or the XDG cache)."""
    explicit = os.environ.get("AGENT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "news-agent"


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
