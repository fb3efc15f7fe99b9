"""Stance of an article body toward a headline claim (agree, disagree, discuss, unrelated).

Relatedness is decided by code: a body that shares almost none of the claim's content
words is "unrelated" without a model call (word overlap is what the FNC-1 baselines rest
on; the small model almost never answers "unrelated"). The model judges the rest.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

from agent.pipeline.session import ArticleSession

HeadlineLabel = Literal["agree", "disagree", "discuss", "unrelated"]

RELATED_MIN = 0.15
"""Below this share of the claim's content words found in the body, the body is unrelated."""
_STEM = 6
_MIN_WORD = 4


class HeadlineStanceReply(BaseModel):
    """The body's stance toward the claim, with a phrase of evidence."""

    label: HeadlineLabel
    evidence: str = Field(max_length=300)


def _content_stems(text: str) -> set[str]:
    return {w[:_STEM] for w in re.findall(r"\w+", text.casefold()) if len(w) >= _MIN_WORD and not w.isdigit()}


def relatedness(claim: str, body: str) -> float:
    """Share of the claim's content words (4+ letters, compared on their first 6) that occur in the body."""
    claim_stems = _content_stems(claim)
    return len(claim_stems & _content_stems(body)) / len(claim_stems) if claim_stems else 0.0


def headline_stance(session: ArticleSession, claim: str) -> HeadlineLabel:
    """Label how the session's article stands toward ``claim``."""
    if relatedness(claim, session.text) < RELATED_MIN:
        return "unrelated"
    return session.run("headline_stance", "headline_stance", HeadlineStanceReply, claim=claim).label
