"""The analysis of one article: the typed, documented output of ``agent analyze``.

``Analysis.model_json_schema()`` is the JSON interface scripts rely on; the
top-level keys ``source``, ``summary``, ``summary_en``, ``claims``, ``stance``
and ``provenance`` are stable.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Form = Literal["direct", "indirect", "reported", "assertion"]
"""How a claim is given: direct quote, indirect speech, reported speech act, or the article's own assertion."""

QuoteCheck = Literal["verbatim", "normalized", "no_quote"]
"""Result of checking a quote against the source: exact match, match after normalising, or no direct quote."""

StanceLabel = Literal["supportive", "neutral", "critical", "mixed"]


class Span(BaseModel):
    """A verbatim piece of the article with its character offsets (``text == article[start:end]``)."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    match: Literal["exact", "normalized"] = "exact"


class SourceInfo(BaseModel):
    """What the article is: where it came from, its language and size."""

    title: str | None = None
    url: str | None = None
    origin: str = "-"
    published: str | None = None
    outlet: str | None = None
    language: str = Field(description="ISO 639-1 code, detected from the text.")
    language_confidence: float = Field(ge=0, le=1)
    characters: int
    tokens: int = Field(description="Token count of the text (tiktoken o200k_base).")
    content_hash: str


class Claim(BaseModel):
    """Who says what: one attributed statement, or an assertion in the article's own voice."""

    id: str = Field(description="Stable id within the analysis: c1, c2, …")
    speaker: str | None = Field(description="Speaker as named in the article; null for the article's own voice.")
    speaker_role: str | None = Field(None, description="Role or affiliation as stated in the article.")
    claim: str = Field(description="The claim in the article's language (the carrying sentence).")
    claim_en: str = Field(description="The claim rendered in English.")
    quote: Span | None = Field(None, description="The verbatim quoted words, when the article quotes directly.")
    form: Form
    quote_check: QuoteCheck
    sentence: Span = Field(description="The sentence(s) of the article that carry the claim.")


class StanceEntry(BaseModel):
    """How one holder (the article's voice or a quoted actor) stands toward one target."""

    holder: str = Field(description="'article' for the article's own voice, else the actor's name.")
    target: str
    label: StanceLabel
    rationale: str
    evidence: list[Span] = Field(default_factory=list)


class LoadedTerm(BaseModel):
    """An evaluative or loaded word the article uses, found verbatim in the text."""

    term: str
    span: Span
    note: str | None = Field(None, description="Why the term is loaded, when known.")


class SourceUse(BaseModel):
    """How much the article relies on one source (counted from the claims)."""

    speaker: str
    role: str | None = None
    claims: int


class Stance(BaseModel):
    """Stance of the article and its quoted actors toward the article's main targets."""

    targets: list[str] = Field(default_factory=list)
    entries: list[StanceEntry] = Field(default_factory=list)
    loaded_terms: list[LoadedTerm] = Field(default_factory=list)
    sourcing: list[SourceUse] = Field(default_factory=list)
    sourcing_note: str = ""


class StepRecord(BaseModel):
    """Cost and identity of one model call of the pipeline."""

    step: str
    prompt: str = Field(description="prompt name@version")
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    seconds: float = 0.0
    repairs: int = Field(0, description="Re-asks needed after a validation error.")


class Provenance(BaseModel):
    """Which model and prompts produced the analysis, and what it cost."""

    agent_version: str
    model: str
    backend: Literal["embedded", "openai", "openai-compatible", "fake"]
    prompts: list[str] = Field(default_factory=list)
    steps: list[StepRecord] = Field(default_factory=list)
    input_tokens: int = 0
    output_tokens: int = 0
    cached_tokens: int = 0
    wall_seconds: float = 0.0
    chunks: int = Field(1, description="Parts the article was split into to fit the model's context.")


class Analysis(BaseModel):
    """The full analysis of one article."""

    source: SourceInfo
    summary: str = Field(description="Summary in the article's own language.")
    summary_en: str = Field(description="Summary in English.")
    summary_en_note: str | None = Field(None, description="Set when summary_en is not a separate translation.")
    claims: list[Claim] = Field(default_factory=list)
    stance: Stance = Field(default_factory=Stance)
    provenance: Provenance
    warnings: list[str] = Field(default_factory=list)
