"""Stance of an article body toward a headline claim (agree, disagree, discuss, unrelated)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from agent.pipeline.session import ArticleSession

HeadlineLabel = Literal["agree", "disagree", "discuss", "unrelated"]


class HeadlineStanceReply(BaseModel):
    """The body's stance toward the claim, with a phrase of evidence."""

    label: HeadlineLabel
    evidence: str = Field(max_length=300)


def headline_stance(session: ArticleSession, claim: str) -> HeadlineLabel:
    """Label how the session's article stands toward ``claim``."""
    return session.run("headline_stance", "headline_stance", HeadlineStanceReply, claim=claim).label
