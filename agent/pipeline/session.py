"""One article's conversation with the model: a shared, cached prompt prefix plus step tasks.

Every step sends the same first two messages (system rules, fenced article)
and its own task last, so llama.cpp's prompt cache processes the article once
and each later step only pays for its task. The fence name is derived from the
article's hash, so it is stable across steps and cannot be guessed by the
article's author; any occurrence of it inside the text is removed anyway.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, TypeVar

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel

from agent.llm.factory import ModelHandle
from agent.llm.response_cache import ResponseCache
from agent.llm.structured import RepairFailed, ask
from agent.prompts import Prompt, load_prompt
from agent.schema import StepRecord
from agent.text.language import language_name

T = TypeVar("T", bound=BaseModel)


@dataclass
class PromptSet:
    """Which version of each prompt to use (newest unless overridden with ``--prompt``)."""

    overrides: dict[str, int] = field(default_factory=dict)

    def get(self, name: str) -> Prompt:
        """The chosen version of prompt ``name``."""
        return load_prompt(name, self.overrides.get(name))


@dataclass
class ArticleSession:
    """Model calls about one article (or one part of a long article)."""

    model: ModelHandle
    text: str
    language: str
    title: str
    content_hash: str
    prompts: PromptSet
    cache: ResponseCache | None = None
    prefix_prompt: str = "article"
    records: list[StepRecord] = field(default_factory=list)

    @property
    def fence(self) -> str:
        """Name of the fence around untrusted text: ``article-<hash prefix>``."""
        digest = self.content_hash or hashlib.sha256(self.text.encode()).hexdigest()
        return f"article-{digest[:10]}"

    def _prefix(self) -> list[Any]:
        fence = self.fence
        system = self.prompts.get("system").render(fence=fence)
        values = {
            "fence": fence,
            "title": " ".join((self.title or "(none)").replace(fence, "").split())[:200],
            "text": self.text.replace(fence, ""),
            "language_name": language_name(self.language),
        }
        prefix = self.prompts.get(self.prefix_prompt)
        article = prefix.render(**{k: v for k, v in values.items() if k in prefix.variables})
        return [SystemMessage(content=system), HumanMessage(content=article)]

    def run(
        self,
        step: str,
        prompt_name: str,
        reply: type[T],
        context: dict[str, Any] | None = None,
        repairs: int = 1,
        max_tokens: int = 400,
        **values: str,
    ) -> T:
        """Render the task prompt, ask the model, record cost; returns the validated reply."""
        prompt = self.prompts.get(prompt_name)
        safe = {k: v.replace(self.fence, "") for k, v in values.items()}
        task = prompt.render(fence=self.fence, **safe) if "fence" in prompt.variables else prompt.render(**safe)
        messages = [*self._prefix(), HumanMessage(content=task)]
        ctx = {"source": self.text, "language": self.language, **(context or {})}
        try:
            parsed, record = ask(
                self.model.chat,
                messages,
                reply,
                step=step,
                prompt_id=prompt.id,
                context=ctx,
                cache=self.cache,
                model_id=self.model.id,
                repairs=repairs,
                max_tokens=max_tokens,
            )
        except RepairFailed as exc:
            if exc.record:
                self.records.append(exc.record)
            raise
        self.records.append(record)
        return parsed
