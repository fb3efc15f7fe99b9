"""Stance: targets, the article's and each quoted actor's stance, loaded terms, sourcing.

The model names the main targets and proposes loaded terms and a sourcing
note; per target it labels the article's voice and each quoted actor, with
evidence phrases. Code keeps only evidence and terms found verbatim in the
article (terms inside quotation marks are the speaker's, not the article's;
the article's own stance needs evidence from its narration, not from quotes or
attributed statements), adds the loaded-terms lexicon's hits, and counts the
sources from the claims.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from agent.llm.structured import RepairFailed
from agent.pipeline.replies import ActorStanceReply, FramingReply, SourceSide, StanceReply
from agent.pipeline.session import ArticleSession
from agent.schema import Claim, LoadedTerm, SourceUse, Span, Stance, StanceEntry
from agent.text.loaded_terms import find_loaded_terms, labelled_names
from agent.text.quotes import find_quotes
from agent.text.spans import contains_words, find_span, span_at


def sourcing(claims: list[Claim]) -> list[SourceUse]:
    """How many attributed claims each speaker has, most used first."""
    counts = Counter(c.speaker for c in claims if c.speaker)
    roles = {c.speaker: c.speaker_role for c in claims if c.speaker and c.speaker_role}
    return [SourceUse(speaker=s, role=roles.get(s), claims=n) for s, n in counts.most_common()]


def _shift(span: Span, offset: int) -> Span:
    return span.model_copy(update={"start": span.start + offset, "end": span.end + offset})


def _evidence(text: str, phrases: list[str], offset: int) -> list[Span]:
    spans = [find_span(text, p) for p in phrases if len(p.split()) <= 40]
    return [_shift(s, offset) for s in spans if s][:3]


def _is_name(phrase: str, names: list[str], text: str, language: str) -> bool:
    """A proposed "loaded term" that is really a name: a target or speaker, a proper noun, or a word the
    article repeats three times or more (loaded labels are used sparingly; names recur)."""
    low = phrase.casefold()
    if any(_same(phrase, n) for n in names):
        return True
    if language != "de" and all(w[:1].isupper() for w in phrase.split()):
        return True
    return text.casefold().count(low) >= 3


def loaded_terms(
    text: str, language: str, proposed: list[str], offset: int = 0, names: list[str] | None = None
) -> list[LoadedTerm]:
    """Lexicon hits plus model-proposed terms, verbatim, outside quotation marks, and not names."""
    quoted = [(q.outer_start, q.outer_end) for q in find_quotes(text) if len(q.text.split()) > 3]

    def narrated(span: Span) -> bool:
        return not any(s <= span.start and span.end <= e for s, e in quoted)

    terms = {t.term.casefold(): t for t in find_loaded_terms(text, language) if narrated(t.span)}
    for phrase in proposed:
        span = find_span(text, phrase)
        if not span or _is_name(span.text, names or [], text, language):
            continue
        if len(span.text.split()) <= 4 and narrated(span) and span.text.casefold() not in terms:
            terms[span.text.casefold()] = LoadedTerm(term=span.text, span=span, note=None)
    return sorted(
        (t.model_copy(update={"span": _shift(t.span, offset)}) for t in terms.values()), key=lambda t: t.span.start
    )


def sourcing_note(uses: list[SourceUse], sides: list[SourceSide]) -> str:
    """Say in one sentence whose voices carry the article, grouped by side (composed by code)."""
    if not uses:
        return "The article quotes no sources; everything is in its own voice."
    by_name = {s.speaker.casefold(): s for s in sides}
    groups: dict[str, list[SourceUse]] = {}
    for use in uses:
        side = by_name.get(use.speaker.casefold())
        key = f"{side.side} {'officials' if side.official else 'sources'}" if side else "unclassified sources"
        groups.setdefault(key, []).append(use)
    total = sum(u.claims for u in uses)
    ranked = sorted(groups.items(), key=lambda kv: -sum(u.claims for u in kv[1]))
    parts = [
        f"{key} ({', '.join(u.speaker for u in group)}: {sum(u.claims for u in group)} of {total} statements)"
        for key, group in ranked
    ]
    return f"Sources quoted: {'; '.join(parts)}."


def _label_entries(text: str, terms: list[LoadedTerm], offset: int) -> list[StanceEntry]:
    """The article's voice is critical of whoever it gives a loaded label (found by code)."""
    return [
        StanceEntry(
            holder="article",
            target=name,
            label="critical",
            rationale=f"The article calls {name} “{term.term}”: {term.note}.",
            evidence=[_shift(span_at(text, term.span.start, end), offset)],
        )
        for term, name, end in labelled_names(text, terms)
    ]


def _article_entry(text: str, offset: int, target: str, reply: StanceReply, claims: list[Claim]) -> StanceEntry:
    """The article's own stance: evidence must be its narration, not a quote or an attributed statement.

    A small model often reads a source's words as the article's view. A label other than
    neutral that rests on no narrated words of the article becomes neutral, and says so.
    """
    voiced = [(q.outer_start + offset, q.outer_end + offset) for q in find_quotes(text)]
    voiced += [(c.sentence.start, c.sentence.end) for c in claims if c.speaker]
    evidence = [
        span
        for span in _evidence(text, reply.evidence, offset)
        if not any(start <= span.start and span.end <= end for start, end in voiced)
    ]
    label, rationale = reply.label, reply.rationale.strip()
    if label != "neutral" and not evidence:
        label, rationale = "neutral", f"Neutral: the model's '{reply.label}' rested on no words of the article's own."
    return StanceEntry(holder="article", target=target, label=label, rationale=rationale, evidence=evidence)


def _actor_entry(session: ArticleSession, actor: str, target: str, claims: list[Claim]) -> StanceEntry:
    own = [c for c in claims if c.speaker == actor][:6]
    listing = "\n".join(f"{i}. {c.claim}" for i, c in enumerate(own, 1))
    reply = session.run(
        "stance_actor",
        "stance_actor",
        ActorStanceReply,
        context={"statements": len(own)},
        actor=actor,
        target=target,
        statements=listing,
    )
    chosen = own[reply.statement - 1]
    return StanceEntry(
        holder=actor,
        target=target,
        label=reply.label,
        rationale=reply.rationale.strip(),
        evidence=[chosen.quote or chosen.sentence],
    )


def merge_entries(parts: list[list[StanceEntry]]) -> list[StanceEntry]:
    """Merge per-part entries of a long article: disagreeing labels become 'mixed'."""
    merged: dict[tuple[str, str], StanceEntry] = {}
    for entries in parts:
        for entry in entries:
            key = (entry.holder, entry.target)
            if key not in merged:
                merged[key] = entry.model_copy(deep=True)
                continue
            seen = merged[key]
            if seen.label != entry.label:
                seen.label = "mixed"
            seen.evidence = (seen.evidence + entry.evidence)[:3]
    return list(merged.values())


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"\w+", name.casefold()) if len(w) > 1}


def _same(a: str, b: str) -> bool:
    """Same entity by whole words ("Rubio" ~ "Marco Rubio"; "EU" is not "Deutschland")."""
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and (wa <= wb or wb <= wa)


def assess_stance(
    sessions: list[tuple[ArticleSession, int]],
    claims: list[Claim],
    warn: Callable[[str], None] | None = None,
    tick: Callable[[], None] | None = None,
) -> Stance:
    """Stance of the article (given as parts with their offsets) and of its quoted actors."""
    first, _ = sessions[0]
    uses = sourcing(claims)
    listing = "\n".join(f"- {u.speaker}{f' ({u.role})' if u.role else ''}: {u.claims}" for u in uses)

    def step(label: str, call: Callable[[], object]) -> object | None:
        try:
            return call()
        except RepairFailed as exc:
            if warn:
                warn(f"{label} skipped: {exc}")
            return None
        finally:
            if tick:
                tick()

    framing = step(
        "framing",
        lambda: first.run(
            "framing", "framing", FramingReply, max_tokens=600, sources=listing or "- (no attributed statements)"
        ),
    )
    if not isinstance(framing, FramingReply):
        return Stance(sourcing=uses, sourcing_note=sourcing_note(uses, []))
    terms: list[LoadedTerm] = []
    parts: list[list[StanceEntry]] = []
    labelled: list[StanceEntry] = []
    for session, offset in sessions:
        names = framing.targets + [u.speaker for u in uses]
        local = loaded_terms(session.text, session.language, framing.loaded_terms, names=names)
        terms += [t.model_copy(update={"span": _shift(t.span, offset)}) for t in local]
        labelled += _label_entries(session.text, local, offset)
    for session, offset in sessions:
        for target in framing.targets:
            if any(_same(e.target, target) for e in labelled):
                continue  # a loaded label already says how the article's voice treats this target
            reply = step(
                f"stance toward {target}", lambda t=target, s=session: s.run("stance", "stance", StanceReply, target=t)
            )
            if isinstance(reply, StanceReply):
                parts.append([_article_entry(session.text, offset, target, reply, claims)])
    targets = framing.targets + [e.target for e in labelled if not any(_same(e.target, t) for t in framing.targets)]
    for use in uses[:4]:
        # An actor's stance is judged only toward a target their own statements mention.
        said = " ".join(c.claim for c in claims if c.speaker == use.speaker)
        target = next((t for t in targets if not _same(t, use.speaker) and contains_words(said, t)), None)
        if target:
            entry = step(f"stance of {use.speaker}", lambda a=use.speaker, t=target: _actor_entry(first, a, t, claims))
            if isinstance(entry, StanceEntry):
                parts.append([entry])
    return Stance(
        targets=list(dict.fromkeys(targets)),
        entries=merge_entries([labelled, *parts]),
        loaded_terms=terms,
        sourcing=uses,
        sourcing_note=sourcing_note(uses, framing.sources),
    )
