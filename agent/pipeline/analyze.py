"""Analyse one article: the pipeline's entry point.

Steps: detect the language and count tokens (code); split a long article into
parts; summarise (per part, then reduce); render the summary in English;
attribute the passages that carry quotes or reporting cues; assess stance.
Each model step shares the article prefix of its part, so the prompt cache
serves all steps after the first.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from agent import __version__
from agent.errors import InputError
from agent.ingest.article import Article
from agent.llm.factory import ModelHandle
from agent.llm.response_cache import ResponseCache
from agent.pipeline.chunking import part_budget, split_parts
from agent.pipeline.claims import candidate_passages, extract_claims, merge_speaker_names
from agent.pipeline.session import ArticleSession, PromptSet
from agent.pipeline.stance import assess_stance
from agent.pipeline.summary import english_summary, reduce_summaries, summarize
from agent.schema import Analysis, Provenance, SourceInfo, Stance
from agent.text.language import detect_language
from agent.tokens import count_tokens

Progress = Callable[[str, int, int], None]
"""Progress callback: (label, done, total)."""
PIPELINE_PROMPTS = (  # every prompt an analysis may use: part of the brief's cache key
    "system",
    "article",
    "summary",
    "translate_summary",
    "reduce_summary",
    "attribution",
    "framing",
    "stance",
    "stance_actor",
)
STEPS = ("summary", "claims", "stance")


@dataclass
class AnalyzeOptions:
    """What to run and how."""

    steps: tuple[str, ...] = STEPS
    prompts: PromptSet = field(default_factory=PromptSet)
    cache: ResponseCache | None = None


def source_info(article: Article) -> SourceInfo:
    """Language, size and identity of the article (all by code)."""
    language, confidence = detect_language(article.text)
    if language == "und":
        raise InputError(f"{article.origin}: no recognisable language in the text: is it an article?")
    return SourceInfo(
        title=article.title,
        url=article.url,
        origin=article.origin,
        published=article.published,
        outlet=article.outlet,
        language=language,
        language_confidence=round(confidence, 3),
        characters=len(article.text),
        tokens=count_tokens(article.text),
        content_hash=article.content_hash,
    )


def analyze_article(
    article: Article, model: ModelHandle, options: AnalyzeOptions | None = None, progress: Progress | None = None
) -> Analysis:
    """Run the chosen steps on ``article`` with ``model`` and return the full analysis."""
    options = options or AnalyzeOptions()
    started = time.perf_counter()
    info = source_info(article)
    parts = split_parts(article.text, part_budget(model.context_tokens))
    sessions = [
        (
            ArticleSession(
                model, text, info.language, article.title or "", article.content_hash, options.prompts, options.cache
            ),
            offset,
        )
        for offset, text in parts
    ]
    passages = [candidate_passages(s.text, s.language) for s, _ in sessions] if "claims" in options.steps else []
    total = (len(parts) + (len(parts) > 1) + 1 if "summary" in options.steps else 0) + sum(map(len, passages))
    total += 1 + 3 * len(parts) + 4 if "stance" in options.steps else 0
    done = 0
    warnings: list[str] = []

    def tick(label: str) -> Callable[[], None]:
        def advance() -> None:
            nonlocal done
            done += 1
            if progress:
                progress(label, min(done, total), total)

        return advance

    summary = summary_en = ""
    note = None
    if "summary" in options.steps:
        pieces = []
        for session, _ in sessions:
            pieces.append(summarize(session, warnings.append))
            tick("summary")()
        summary = pieces[0] if len(pieces) == 1 else reduce_summaries(sessions[0][0], pieces, article.text)
        summary_en, note = english_summary(sessions[0][0], summary, warnings.append)
        tick("summary")()
    claims = []
    if "claims" in options.steps:
        for (session, offset), found in zip(sessions, passages, strict=True):
            claims += extract_claims(session, found, offset, warnings.append, tick("claims"))
        merge_speaker_names(claims)
        for i, claim in enumerate(claims, 1):
            claim.id = f"c{i}"
    stance = assess_stance(sessions, claims, warnings.append, tick("stance")) if "stance" in options.steps else Stance()
    records = [r for s, _ in sessions for r in s.records]
    used = {options.prompts.get("system").id, options.prompts.get("article").id} | {r.prompt for r in records}
    provenance = Provenance(
        agent_version=__version__,
        model=model.name,
        backend=model.backend,
        prompts=sorted(used),
        steps=records,
        input_tokens=sum(r.input_tokens for r in records),
        output_tokens=sum(r.output_tokens for r in records),
        cached_tokens=sum(r.cached_tokens for r in records),
        wall_seconds=round(time.perf_counter() - started, 2),
        chunks=len(parts),
    )
    return Analysis(
        source=info,
        summary=summary,
        summary_en=summary_en,
        summary_en_note=note,
        claims=claims,
        stance=stance,
        provenance=provenance,
        warnings=warnings,
    )
