"""Build a briefing from analysed articles: stories, syntheses, claims, framing, sources, appendix."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from agent.brief.group import group_stories
from agent.brief.store import ArticleResult
from agent.brief.synthesize import Statement, outlet_of, synthesize_story
from agent.errors import AgentError
from agent.ingest.collect import CollectResult
from agent.llm.factory import ModelHandle
from agent.llm.response_cache import ResponseCache
from agent.pipeline.session import PromptSet


class SourceRow(BaseModel):
    """One article in the sources table."""

    id: str
    outlet: str
    language: str
    date: str | None
    stance: str = Field(description="The article voice's labels toward its targets, e.g. 'Selenskij: critical'.")
    loaded_terms: list[str] = Field(default_factory=list)


class ClaimRef(BaseModel):
    """Who claims what, with the claim's id (article.claim)."""

    id: str
    speaker: str
    claim_en: str
    quote: str | None = None


class Story(BaseModel):
    """One story of the briefing."""

    headline: str
    articles: list[str]
    synthesis: list[Statement] = Field(default_factory=list)
    agreements: list[Statement] = Field(default_factory=list)
    contradictions: list[Statement] = Field(default_factory=list)
    claims: list[ClaimRef] = Field(default_factory=list)
    framing: list[SourceRow] = Field(default_factory=list)
    note: str | None = None


class Briefing(BaseModel):
    """The whole briefing (``agent brief --format json``)."""

    stories: list[Story]
    sources: list[SourceRow]
    failures: list[dict[str, str]] = Field(default_factory=list)
    duplicates: list[dict[str, str | float]] = Field(default_factory=list)
    prompts: list[str] = Field(default_factory=list)
    model: str = ""


def source_row(r: ArticleResult) -> SourceRow:
    """The sources-table row of one analysed article."""
    a = r.analysis
    assert a is not None
    labels = [f"{e.target}: {e.label}" for e in a.stance.entries if e.holder == "article"]
    return SourceRow(
        id=r.id,
        outlet=outlet_of(r),
        language=a.source.language,
        date=a.source.published,
        stance="; ".join(labels) or "n/a",
        loaded_terms=[t.term for t in a.stance.loaded_terms],
    )


def _claims(story: list[ArticleResult]) -> list[ClaimRef]:
    return [
        ClaimRef(id=f"{r.id}.{c.id}", speaker=c.speaker, claim_en=c.claim_en, quote=c.quote.text if c.quote else None)
        for r in story
        if r.analysis
        for c in r.analysis.claims
        if c.speaker
    ]


def build_briefing(
    results: list[ArticleResult],
    collected: CollectResult,
    model: ModelHandle,
    prompts: PromptSet,
    cache: ResponseCache | None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Briefing:
    """Group the analysed articles into stories and write each story's synthesis."""
    stories: list[Story] = []
    used: set[str] = set()
    groups = group_stories(results)
    for i, group in enumerate(groups, 1):
        story = Story(
            headline="", articles=[r.id for r in group], claims=_claims(group), framing=[source_row(r) for r in group]
        )
        try:
            reply, prompt_id = synthesize_story(group, model, prompts, cache)
            used.add(prompt_id)
            story.headline, story.synthesis = reply.headline, reply.synthesis
            story.agreements, story.contradictions = reply.agreements, reply.contradictions
        except AgentError as exc:
            first = group[0].analysis
            story.headline = first.summary_en.split(". ")[0] if first else group[0].origin
            story.note = f"no synthesis: {exc}"
        stories.append(story)
        if progress:
            progress("stories", i, len(groups))
    failures = [{"id": r.id, "origin": r.origin, "error": r.error or ""} for r in results if r.error]
    failures += [{"id": "-", "origin": f.origin, "error": f.error} for f in collected.failures]
    return Briefing(
        stories=stories,
        sources=[source_row(r) for r in results if r.analysis],
        failures=failures,
        duplicates=[d.model_dump() for d in collected.duplicates],
        prompts=sorted(used),
        model=f"{model.backend}:{model.name}",
    )
