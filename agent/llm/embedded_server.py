"""Serve a GGUF model in-process with xllamacpp's OpenAI-compatible server.

llama.cpp runs inside this Python process and listens on 127.0.0.1 (a free
port), so langchain-openai's ``ChatOpenAI`` reaches it exactly as it reaches
OpenAI. One slot, prompt cache on: every step of an article shares the
instructions-plus-article prefix and only the step's task is processed anew.
"""

from __future__ import annotations

import os
from pathlib import Path

from agent.errors import ModelError

DEFAULT_CONTEXT = 8192


class EmbeddedServer:
    """A running llama.cpp server for one GGUF file; stop it with :meth:`close`."""

    def __init__(self, gguf: Path, n_ctx: int = DEFAULT_CONTEXT, threads: int | None = None) -> None:
        try:
            import xllamacpp
        except ImportError as exc:  # pragma: no cover - declared dependency
            raise ModelError("xllamacpp is not installed: run `pip install -e .`") from exc
        if not gguf.is_file():
            raise ModelError(f"model file not found: {gguf} (check --model-path)")
        params = xllamacpp.CommonParams()
        params.model.path = str(gguf)
        params.n_ctx = n_ctx
        params.n_parallel = 1
        params.cache_prompt = True
        n_threads = threads or max(1, os.cpu_count() or 1)
        params.cpuparams.n_threads = n_threads
        params.cpuparams_batch.n_threads = n_threads
        params.port = 0
        params.verbosity = -1  # llama.cpp logs a lot on stderr; keep the terminal clean
        params.warmup = False
        try:
            self._server = xllamacpp.Server(params)
        except Exception as exc:  # xllamacpp raises plain RuntimeError on a bad GGUF
            raise ModelError(f"could not start the embedded model from {gguf}: {exc}") from exc
        self.n_ctx = n_ctx
        self.base_url = self._server.listening_address.rstrip("/") + "/v1"

    def close(self) -> None:
        """Stop the server (drops the reference; xllamacpp shuts down on collection)."""
        self._server = None

    def __enter__(self) -> EmbeddedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
