"""LLM-as-judge: a rubric prompt with lettered grades mapped to scores.

Small models judge poorly, so the judge runs only on a capable model (OpenAI
by default, or when forced); the eval says when it is skipped.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from agent.ingest.article import Article
from agent.llm.factory import ModelHandle
from agent.llm.response_cache import ResponseCache
from agent.pipeline.session import ArticleSession, PromptSet
from agent.schema import Analysis

GRADE_SCORES = {"A": 1.0, "B": 0.75, "C": 0.5, "D": 0.25, "E": 0.0}


class JudgeReply(BaseModel):
    """The judge's reason and lettered grade."""

    reason: str = Field(max_length=300)
    grade: Literal["A", "B", "C", "D", "E"]


def judge_summary(
    article: Article, analysis: Analysis, judge: ModelHandle, prompts: PromptSet, cache: ResponseCache | None
) -> float:
    """Score ``analysis.summary_en`` against the article: 1.0 (A) … 0.0 (E)."""
    session = ArticleSession(
        judge, article.text, analysis.source.language, article.title or "", article.content_hash, prompts, cache
    )
    reply = session.run("judge", "judge", JudgeReply, summary=analysis.summary_en)
    return GRADE_SCORES[reply.grade]
