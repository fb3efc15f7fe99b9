"""Choose and open the chat model: embedded GGUF, OpenAI, or any OpenAI-compatible server.

Resolution order: ``--model-path FILE.gguf`` (own GGUF on the embedded
runtime); ``--base-url`` / ``OPENAI_BASE_URL`` (any OpenAI-compatible server,
``--model`` names the model there); ``--model openai:<name>`` or an
``OPENAI_API_KEY`` in the environment (OpenAI); otherwise the embedded default.
``--model embedded`` forces the embedded model even when a key is set.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from agent.errors import ModelError
from agent.llm import embedded_model
from agent.llm.embedded_server import DEFAULT_CONTEXT, EmbeddedServer

DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


@dataclass
class ModelHandle:
    """An opened chat model plus what provenance needs to know about it."""

    chat: BaseChatModel
    name: str
    backend: str
    context_tokens: int
    capable: bool = False
    _server: EmbeddedServer | None = field(default=None, repr=False)
    identity: str = ""

    @property
    def id(self) -> str:
        """What makes this model's answers distinct, for cache keys (endpoint, file size, name)."""
        return self.identity or f"{self.backend}:{self.name}"

    def close(self) -> None:
        """Stop the embedded server, if any."""
        if self._server is not None:
            self._server.close()
            self._server = None


def _chat_openai(model: str, base_url: str | None, api_key: str | None, timeout: float) -> BaseChatModel:
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(model=model, base_url=base_url, api_key=api_key, temperature=0, timeout=timeout, max_retries=2)


def open_model(
    model: str | None = None,
    *,
    base_url: str | None = None,
    model_path: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    context_tokens: int = DEFAULT_CONTEXT,
) -> ModelHandle:
    """Open the chat model the options and environment ask for (see module doc)."""
    base_url = base_url or os.environ.get("OPENAI_BASE_URL")
    api_key = os.environ.get("OPENAI_API_KEY")
    use_embedded = model_path is not None or model == "embedded" or (model is None and not base_url and not api_key)
    if use_embedded:
        gguf = Path(model_path) if model_path else embedded_model.ensure_model(progress)
        if progress:
            progress("starting model", 0, 1)
        server = EmbeddedServer(gguf, n_ctx=context_tokens)
        if progress:
            progress("starting model", 1, 1)
        name = gguf.stem if model_path else embedded_model.MODEL_NAME
        chat = _chat_openai(name, server.base_url, "not-needed", timeout=600)
        stat = gguf.stat()
        identity = f"embedded:{name}:{stat.st_size}" + (f":{stat.st_mtime_ns}" if model_path else "")
        return ModelHandle(chat, name, "embedded", context_tokens, _server=server, identity=identity)
    if base_url:
        name = (model or "default").removeprefix("openai:")
        chat = _chat_openai(name, base_url, api_key or "not-needed", timeout=600)
        return ModelHandle(
            chat, name, "openai-compatible", context_tokens, identity=f"openai-compatible:{base_url}:{name}"
        )
    name = (model or f"openai:{DEFAULT_OPENAI_MODEL}").removeprefix("openai:")
    if model and not model.startswith("openai:"):
        raise ModelError(f"unknown model {model!r}: use 'embedded', 'openai:<name>', or --base-url with --model")
    if not api_key:
        raise ModelError(
            f"--model openai:{name} needs OPENAI_API_KEY: export it, or drop --model for the embedded model"
        )
    return ModelHandle(_chat_openai(name, None, api_key, timeout=120), name, "openai", 128_000, capable=True)
