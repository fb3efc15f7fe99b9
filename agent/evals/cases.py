"""The data model of the eval suite: one ``Case`` (an input plus its ``Gold`` labels) and ``CaseOutput``.

Every gold field is optional: a case is scored only on what its gold has, so one
row can check speakers only, another a summary, another a prompt injection. The
gold models refuse unknown keys, so a typo in a hand-written dataset is an error
instead of a silently unscored case.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from agent.schema import Analysis

Task = Literal["analysis", "speakers", "summary", "headline_stance", "extraction"]
"""What a case asks of the agent: a full analysis, or one part of it (extraction needs no model)."""

HeadlineStance = Literal["agree", "disagree", "discuss", "unrelated"]
"""FNC-1 labels: the body's stance toward the headline's claim."""


class GoldQuote(BaseModel):
    """A direct quote the article contains, and who says it."""

    model_config = ConfigDict(extra="forbid")

    speaker: str
    text: str


class GoldStance(BaseModel):
    """How ``holder`` ('article' for the article's own voice, else an actor) stands toward ``target``."""

    model_config = ConfigDict(extra="forbid")

    holder: str
    target: str
    label: Literal["supportive", "neutral", "critical", "mixed"]


class Gold(BaseModel):
    """The expected answers of a case; a case scores only the fields that are set."""

    model_config = ConfigDict(extra="forbid")

    speakers: list[str] | None = None
    quotes: list[GoldQuote] | None = None
    summary_facts: list[list[str]] | None = Field(
        None, description="Facts the summaries must carry; each fact is a list of alternatives, any counts."
    )
    stance: list[GoldStance] | None = None
    loaded_terms: list[str] | None = None
    forbidden: list[str] | None = Field(
        None, description="Strings no model output may contain (prompt-injection canaries)."
    )
    reference_summary: str | None = None
    headline: str | None = Field(None, description="FNC-1: the claim the body's stance is judged against.")
    headline_stance: HeadlineStance | None = None
    html_must: list[str] | None = Field(None, description="Snippets the extracted main text must contain.")
    html_must_not: list[str] | None = Field(None, description="Boilerplate the extracted text must not contain.")

    def fields_set(self) -> list[str]:
        """Names of the gold fields that carry a value (what this case is scored on)."""
        return [name for name, value in self if value is not None]


class Case(BaseModel):
    """One eval input: an article (text or raw HTML), what to ask of it, and its gold."""

    id: str
    dataset: str
    language: str | None
    title: str | None = None
    text: str = Field("", description="Article text; empty for HTML cases until extracted.")
    html: str | None = Field(None, description="Raw HTML page, for extraction cases.")
    url: str | None = None
    tags: list[str] = Field(default_factory=list)
    task: Task
    gold: Gold = Field(default_factory=Gold)


class CaseOutput(BaseModel):
    """What the agent produced for one case, with its cost; the runner fills what the task needs.

    ``analysis`` for the analysis, speakers and summary tasks, ``headline_stance`` (an FNC-1
    label) and ``extracted_text`` for theirs; ``raw_texts`` are every model answer as returned,
    for the prompt-injection check; ``schema_failures`` counts calls whose answer never validated.
    """

    analysis: Analysis | None = None
    headline_stance: str | None = None
    extracted_text: str | None = None
    raw_texts: list[str] = []
    repairs: int = 0
    schema_failures: int = 0
    calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    seconds: float = 0.0
