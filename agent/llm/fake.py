"""A scripted chat model for tests and demos: no network, no weights.

``FakeChatModel(responder=fn)`` answers each call with ``fn(messages)``; the
responder sees the whole conversation (system, article, task) and returns the
reply text, usually JSON. Calls are recorded for assertions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, Field

Responder = Callable[[list[BaseMessage]], str]


class FakeChatModel(BaseChatModel):
    """Chat model whose replies come from a Python function."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    responder: Responder
    calls: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "fake"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        self.calls.append(list(messages))
        text = self.responder(messages)
        prompt_chars = sum(len(str(m.content)) for m in messages)
        usage = {
            "input_tokens": prompt_chars // 4,
            "output_tokens": max(1, len(text) // 4),
            "total_tokens": prompt_chars // 4 + max(1, len(text) // 4),
        }
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text, usage_metadata=usage))])
