"""One structured model call: JSON Schema out, pydantic in, one re-ask on error.

The reply model's JSON Schema goes to the server as ``response_format``
(constrained decoding on llama.cpp, structured outputs on OpenAI). The answer
is validated by pydantic with the article as validation context, so validators
can check meaning (a quote occurs in the source, a speaker is named in it, a
summary is in the right language). On failure the model sees its answer and
the error once, as instructor does; a second failure is a :class:`RepairFailed`.
Replies are cached by (model, messages, schema) when a cache is given.
"""

from __future__ import annotations

import json
import time
from typing import Any, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from openai import LengthFinishReasonError
from pydantic import BaseModel, ValidationError

from agent.errors import ModelError
from agent.llm.response_cache import ResponseCache
from agent.schema import StepRecord

T = TypeVar("T", bound=BaseModel)


class RepairFailed(ModelError):
    """The model's answer stayed invalid after one re-ask; ``record`` holds what the tries cost."""

    def __init__(self, message: str, record: StepRecord | None = None) -> None:
        super().__init__(message)
        self.record = record


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema in the strict form OpenAI and llama.cpp both accept."""

    def tighten(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"])
            node.pop("default", None)
            node.pop("title", None)
            for key, value in node.items():
                if key == "properties":  # a mapping of field names: keep fields named "title"/"default"
                    for field_schema in value.values():
                        tighten(field_schema)
                else:
                    tighten(value)
        elif isinstance(node, list):
            for value in node:
                tighten(value)

    schema = model.model_json_schema()
    tighten(schema)
    return schema


_SHORTER = "Answer again with a short, complete JSON object only."


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'answer'}: {e['msg']}" for e in exc.errors())
    return str(exc)


def _usage(message: BaseMessage) -> tuple[int, int, int]:
    usage = getattr(message, "usage_metadata", None) or {}
    cached = (usage.get("input_token_details") or {}).get("cache_read") or 0
    return usage.get("input_tokens", 0), usage.get("output_tokens", 0), cached


def ask(
    llm: BaseChatModel,
    messages: list[BaseMessage],
    reply: type[T],
    *,
    step: str,
    prompt_id: str,
    context: dict[str, Any] | None = None,
    cache: ResponseCache | None = None,
    model_id: str = "",
    max_tokens: int = 400,
    repairs: int = 1,
) -> tuple[T, StepRecord]:
    """Ask for a ``reply``-shaped JSON answer; validate it; re-ask (``repairs`` times) with the error."""
    record = StepRecord(step=step, prompt=prompt_id)
    schema = strict_schema(reply)
    bound = llm.bind(
        response_format={
            "type": "json_schema",
            "json_schema": {"name": reply.__name__, "schema": schema, "strict": True},
        },
        max_tokens=max_tokens,
    )
    key = cache.key(model_id, messages, schema) if cache else None
    history = list(messages)
    started = time.perf_counter()
    last_error: Exception | None = None
    for attempt in range(1 + repairs):
        content = cache.get(key) if (cache and key and attempt == 0) else None
        if content is None:
            try:
                message = bound.invoke(history)
            except LengthFinishReasonError as exc:
                # A small model can loop inside the JSON; a cut-off answer counts as an invalid one.
                last_error = ValueError(f"the answer was cut off after {max_tokens} tokens: keep it short")
                record.repairs += 1
                usage = exc.completion.usage
                if usage:
                    record.input_tokens += usage.prompt_tokens
                    record.output_tokens += usage.completion_tokens
                history += [HumanMessage(content=f"Your answer was too long and was cut off. {_SHORTER}")]
                continue
            except Exception as exc:  # network, server or API errors of any client library
                raise ModelError(f"model call failed in step {step}: {exc} (is the model server reachable?)") from exc
            tokens_in, tokens_out, cached = _usage(message)
            record.input_tokens += tokens_in
            record.output_tokens += tokens_out
            record.cached_tokens += cached
            content = message.content if isinstance(message.content, str) else json.dumps(message.content)
        try:
            parsed = reply.model_validate_json(content, context=context or {})
        except (ValidationError, ValueError) as exc:
            last_error = exc
            record.repairs += 1
            history += [
                AIMessage(content=content),
                HumanMessage(
                    content=f"Your answer was not valid: {_error_text(exc)}. "
                    "Answer again with the corrected, short JSON object only."
                ),
            ]
            continue
        if cache and key and attempt == 0:
            cache.put(key, content)
        record.seconds = round(time.perf_counter() - started, 3)
        return parsed, record
    record.seconds = round(time.perf_counter() - started, 3)
    raise RepairFailed(
        f"step {step}: the model's answer stayed invalid after a re-ask ({_error_text(last_error)})", record
    )
