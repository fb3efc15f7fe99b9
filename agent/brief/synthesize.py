"""The model's part of a briefing: one English synthesis per story, every statement citing ids.

The model sees a dossier (per article: id, outlet, language, English summary,
claims with ids), never the raw articles. Validators drop cited ids that are
not in the dossier and statements left without any support, and ask again
when nothing supported remains: nothing without support is written.
"""

from __future__ import annotations

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from agent.brief.store import ArticleResult
from agent.llm.factory import ModelHandle
from agent.llm.response_cache import ResponseCache
from agent.pipeline.session import ArticleSession, PromptSet


class Statement(BaseModel):
    """One briefing statement and the article or claim ids that support it."""

    text: str = Field(max_length=400)
    sources: list[str] = Field(max_length=8)


def _supported(items: list[Statement], info: ValidationInfo) -> list[Statement]:
    known = set((info.context or {}).get("ids", ()))
    kept = []
    for item in items:
        item.sources = [s.strip() for s in item.sources if s.strip() in known]
        if item.sources and item.text.strip():
            kept.append(item)
    return kept


class StoryReply(BaseModel):
    """Headline, synthesis, agreements and contradictions of one story."""

    headline: str = Field(max_length=160)
    synthesis: list[Statement] = Field(max_length=4)
    agreements: list[Statement] = Field(max_length=4)
    contradictions: list[Statement] = Field(max_length=4)

    @field_validator("synthesis")
    @classmethod
    def _synthesis_supported(cls, value: list[Statement], info: ValidationInfo) -> list[Statement]:
        kept = _supported(value, info)
        if not kept:
            raise ValueError("no synthesis statement cites an id from the dossier: cite ids like a1 or a1.c2")
        return kept

    @field_validator("agreements", "contradictions")
    @classmethod
    def _others_supported(cls, value: list[Statement], info: ValidationInfo) -> list[Statement]:
        return _supported(value, info)


def outlet_of(result: ArticleResult) -> str:
    """The outlet's name, else the URL's host, else the file name."""
    a = result.analysis
    if a and a.source.outlet:
        return a.source.outlet
    if a and a.source.url:
        return a.source.url.split("/")[2] if "//" in a.source.url else a.source.url
    return result.origin.rsplit("/", 1)[-1]


def dossier(story: list[ArticleResult]) -> tuple[str, list[str]]:
    """The dossier text for the model and the ids it may cite."""
    lines: list[str] = []
    ids: list[str] = []
    for r in story:
        a = r.analysis
        assert a is not None
        ids.append(r.id)
        lines.append(
            f"[{r.id}] outlet: {outlet_of(r)}; language: {a.source.language}; date: {a.source.published or 'unknown'}"
        )
        lines.append(f"summary: {a.summary_en}")
        for c in a.claims:
            ids.append(f"{r.id}.{c.id}")
            lines.append(f"[{r.id}.{c.id}] {c.speaker or 'the article'}: {c.claim_en}")
        lines.append("")
    return "\n".join(lines), ids


def synthesize_story(
    story: list[ArticleResult], model: ModelHandle, prompts: PromptSet, cache: ResponseCache | None
) -> tuple[StoryReply, str]:
    """The model's synthesis of one story and the prompt id used."""
    text, ids = dossier(story)
    session = ArticleSession(
        model, text, "en", f"Dossier of {len(story)} articles", "", prompts, cache, prefix_prompt="dossier"
    )
    reply = session.run("brief_story", "brief_story", StoryReply, context={"ids": ids}, max_tokens=1200)
    return reply, session.records[-1].prompt
