"""Attributed claims: code finds the passages and quotes, the model names speakers.

Plain code splits sentences, finds direct quotes by their marks (with exact
offsets) and keeps the passages that carry a quote or a reporting cue. For
each passage the model answers one small question: who says it, in which form,
and what it means in English. Quotes are never taken from the model, so a
quote shown to the user is always verbatim. Where grammar fixes the source
("nach Angaben der X", "according to X"), code reads it and overrules the model
(``agent.text.sources``). Speakers named in short and long
forms ("Rubio", "Marco Rubio") are merged to the fullest form.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from agent.llm.structured import RepairFailed
from agent.pipeline.replies import AttributionReply, named_in
from agent.pipeline.session import ArticleSession
from agent.schema import Claim, Span
from agent.text.cues import has_reporting_cue
from agent.text.quotes import Quote, find_quotes, is_statement
from agent.text.sentences import Sentence, attribution_units, split_sentences
from agent.text.sources import SourcePhrase, find_source_phrase
from agent.text.spans import span_at


@dataclass(frozen=True)
class Passage:
    """A candidate passage for attribution, with the passage before it as context."""

    unit: Sentence
    previous: Sentence | None
    quotes: tuple[Quote, ...]


def candidate_passages(text: str, language: str) -> list[Passage]:
    """Passages that carry a direct quote or a reporting cue, in reading order."""
    quotes = find_quotes(text)
    units = attribution_units(text, split_sentences(text), quotes)
    passages: list[Passage] = []
    for i, unit in enumerate(units):
        inside = tuple(q for q in quotes if unit.start <= q.outer_start and q.outer_end <= unit.end)
        if inside or has_reporting_cue(unit.text, language):
            passages.append(Passage(unit, units[i - 1] if i else None, inside))
    return passages


def _quote_for(passage: Passage, form: str) -> Quote | None:
    statements = [q for q in passage.quotes if is_statement(q)]
    pool = statements or (list(passage.quotes) if form == "direct" else [])
    return max(pool, key=lambda q: q.end - q.start) if pool else None


def _tokens(name: str) -> set[str]:
    return {w.casefold().strip(".,") for w in name.split() if w}


def merge_speaker_names(claims: list[Claim]) -> None:
    """Replace short name forms by the fullest form used in the same article (in place)."""
    names = sorted({c.speaker for c in claims if c.speaker}, key=len, reverse=True)
    canonical: dict[str, str] = {}
    for name in names:
        longer = next((n for n in names if len(n) > len(name) and _tokens(name) < _tokens(n)), None)
        canonical[name] = canonical.get(longer, longer) if longer else name
    roles = {canonical[c.speaker]: c.speaker_role for c in claims if c.speaker and c.speaker_role}
    for claim in claims:
        if claim.speaker:
            claim.speaker = canonical[claim.speaker]
            claim.speaker_role = claim.speaker_role or roles.get(claim.speaker)


def overrule_speaker(reply: AttributionReply, phrase: SourcePhrase) -> AttributionReply:
    """Let a grammatical source phrase ("nach Angaben der X", "according to X") name the speaker.

    The model's speaker stays when it names the same source (it is often in a better form,
    "russisches Außenministerium" for "des russischen Außenministeriums"); a different one,
    or no attribution at all, gives way to the phrase's source.
    """
    if reply.form == "none" and not reply.claim_en.strip():
        return reply  # nothing rendered in English to attribute
    if reply.form != "none" and (named_in(phrase.source, reply.speaker) or named_in(reply.speaker, phrase.source)):
        return reply
    form = "indirect" if reply.form == "none" else reply.form
    return reply.model_copy(update={"speaker": phrase.source, "speaker_role": "", "form": form})


def attribute_passage(session: ArticleSession, passage: Passage, offset: int) -> Claim | None:
    """Ask who says what in one passage; None when nobody is attributed or the model fails."""
    local = session.text
    unit, prev = passage.unit, passage.previous
    text, before = local[unit.start : unit.end], local[prev.start : prev.end] if prev else ""
    # First without the previous passage, so a name there cannot pull the answer away from the
    # speaker the passage itself names (the validator rejects a speaker not named in it). Only a
    # passage that names nobody (a pronoun, a quote that continues) is asked again with context.
    reply: AttributionReply | None = None
    try:
        reply = session.run(
            "attribution",
            "attribution",
            AttributionReply,
            repairs=0 if before else 1,  # without a previous passage, the re-ask is the only second chance
            context={"passage": text, "previous": ""},
            passage=text,
            previous="(not shown)",
        )
    except RepairFailed:
        if not before:
            raise
    unnamed_quote = reply is not None and reply.form == "none" and any(is_statement(q) for q in passage.quotes)
    if before and (reply is None or unnamed_quote):
        reply = session.run(
            "attribution",
            "attribution",
            AttributionReply,
            context={"passage": text, "previous": before},
            passage=text,
            previous=before,
        )
    assert reply is not None
    source_phrase = find_source_phrase(text, session.language)
    if source_phrase:
        reply = overrule_speaker(reply, source_phrase)
    if reply.form == "none":
        return None
    quote = _quote_for(passage, reply.form)
    form = "direct" if quote else ("indirect" if reply.form == "direct" else reply.form)
    quote_span: Span | None = span_at(local, quote.start, quote.end) if quote else None
    if quote_span:
        quote_span = quote_span.model_copy(update={"start": quote.start + offset, "end": quote.end + offset})
    sentence = span_at(local, unit.start, unit.end).model_copy(
        update={"start": unit.start + offset, "end": unit.end + offset}
    )
    return Claim(
        id="",
        speaker=reply.speaker,
        speaker_role=reply.speaker_role or None,
        claim=sentence.text,
        claim_en=reply.claim_en.strip(),
        quote=quote_span,
        form=form,
        quote_check="verbatim" if quote_span else "no_quote",
        sentence=sentence,
    )


def extract_claims(
    session: ArticleSession,
    passages: list[Passage],
    offset: int = 0,
    warn: Callable[[str], None] | None = None,
    tick: Callable[[], None] | None = None,
) -> list[Claim]:
    """Attributed claims of the session's text; ``offset`` maps part offsets to the whole article."""
    claims: list[Claim] = []
    for passage in passages:
        try:
            claim = attribute_passage(session, passage, offset)
        except RepairFailed as exc:
            if warn:
                warn(f"passage at {passage.unit.start + offset} skipped: {exc}")
            claim = None
        if tick:
            tick()
        if claim:
            claims.append(claim)
    return claims
