"""Shared fixtures: every test runs with its own cache folder, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point AGENT_CACHE_DIR (responses, models, tiktoken files) at a fresh temporary folder."""
    folder = tmp_path_factory.mktemp("agent-cache")
    monkeypatch.setenv("AGENT_CACHE_DIR", str(folder))
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(folder / "tiktoken"))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("AGENT_DEBUG", raising=False)
    return folder
