"""Render an analysis as Markdown for the terminal or a file."""

from __future__ import annotations

from agent.schema import Analysis, Claim, Stance
from agent.text.language import language_name


def table_cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ").strip()


def render_header(a: Analysis) -> str:
    """Title line and the source facts."""
    s = a.source
    title = s.title or s.origin
    facts = [
        f"language: {language_name(s.language)} ({s.language}, {s.language_confidence:.2f})",
        f"{s.characters:,} characters, {s.tokens:,} tokens",
    ]
    if s.published:
        facts.append(f"published {s.published}")
    if s.url:
        facts.append(s.url)
    return f"# {title}\n\n_{' · '.join(facts)}_\n"


def render_summary(a: Analysis) -> str:
    """Both summaries."""
    out = [f"## Summary ({language_name(a.source.language)})\n\n{a.summary}\n"]
    if a.source.language != "en":
        out.append(f"## Summary (English)\n\n{a.summary_en}\n")
    elif a.summary_en_note:
        out.append(f"_{a.summary_en_note}_\n")
    return "\n".join(out)


def _speaker(c: Claim) -> str:
    if not c.speaker:
        return "_the article_"
    return f"**{table_cell(c.speaker)}**" + (f" ({table_cell(c.speaker_role)})" if c.speaker_role else "")


def render_claims(claims: list[Claim]) -> str:
    """Who says what, with verbatim quotes and their offsets."""
    if not claims:
        return "## Claims\n\nNo attributed statements found.\n"
    lines = ["## Claims\n"]
    for c in claims:
        lines.append(f"- `{c.id}` {_speaker(c)} · {c.form}: {c.claim_en}")
        if c.quote:
            lines.append(f"  > „{c.quote.text}“ — verbatim, chars {c.quote.start}–{c.quote.end}")
        else:
            lines.append(f"  > {c.claim}")
    return "\n".join(lines) + "\n"


def render_stance(stance: Stance) -> str:
    """Stance table, loaded terms and sourcing."""
    out = ["## Stance\n"]
    if stance.targets:
        out.append("Targets: " + ", ".join(stance.targets) + "\n")
    if stance.entries:
        out.append("| holder | target | stance | why | evidence |\n|---|---|---|---|---|")
        for e in stance.entries:
            evidence = " / ".join(f"“{table_cell(s.text)}”" for s in e.evidence) or "—"
            holder = "the article" if e.holder == "article" else e.holder
            cells = [table_cell(holder), table_cell(e.target), e.label, table_cell(e.rationale), evidence]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    if stance.loaded_terms:
        out.append("**Loaded terms:**\n")
        for t in stance.loaded_terms:
            out.append(f"- “{t.term}” (char {t.span.start}){f' — {t.note}' if t.note else ''}")
        out.append("")
    if stance.sourcing:
        sources = ", ".join(f"{s.speaker} ({s.claims})" for s in stance.sourcing)
        out.append(f"**Sources quoted:** {sources}\n")
    if stance.sourcing_note:
        out.append(f"**Sourcing:** {stance.sourcing_note}\n")
    return "\n".join(out)


def render_provenance(a: Analysis) -> str:
    """One line of model, prompts and cost."""
    p = a.provenance
    return (
        f"---\n_{p.model} ({p.backend}) · prompts {', '.join(p.prompts)} · "
        f"tokens in {p.input_tokens:,} (cached {p.cached_tokens:,}) / out {p.output_tokens:,} · "
        f"{p.wall_seconds:.1f} s{f' · {p.chunks} parts' if p.chunks > 1 else ''}_\n"
    )


def render_markdown(a: Analysis, sections: tuple[str, ...] = ("summary", "claims", "stance")) -> str:
    """The Markdown report of ``a`` with the chosen sections."""
    parts = [render_header(a)]
    if "summary" in sections:
        parts.append(render_summary(a))
    if "claims" in sections:
        parts.append(render_claims(a.claims))
    if "stance" in sections:
        parts.append(render_stance(a.stance))
    if a.warnings:
        parts.append("**Warnings:**\n\n" + "\n".join(f"- {w}" for w in a.warnings) + "\n")
    parts.append(render_provenance(a))
    return "\n".join(parts)
