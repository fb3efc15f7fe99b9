"""Render a briefing as Markdown: every statement carries the ids it rests on."""

from __future__ import annotations

from agent.brief.briefing import Briefing, Story
from agent.brief.synthesize import Statement
from agent.render import table_cell


def _cite(s: Statement) -> str:
    return f"{s.text} [{', '.join(s.sources)}]"


def _story(n: int, story: Story) -> list[str]:
    out = [f"## {n}. {story.headline}", f"_Articles: {', '.join(story.articles)}_", ""]
    if story.note:
        out += [f"_{story.note}_", ""]
    out += [f"- {_cite(s)}" for s in story.synthesis]
    if story.agreements:
        out += ["", "**Sources agree:**"] + [f"- {_cite(s)}" for s in story.agreements]
    if story.contradictions:
        out += ["", "**Contradictions:**"] + [f"- {_cite(s)}" for s in story.contradictions]
    if story.claims:
        out += ["", "**Who claims what:**"]
        out += [f"- {c.speaker}: {c.claim_en} [{c.id}]" for c in story.claims]
    out += ["", "**Framing by outlet:**"]
    for row in story.framing:
        terms = f"; loaded terms: {', '.join(row.loaded_terms)}" if row.loaded_terms else ""
        out.append(f"- {row.outlet} ({row.language}) [{row.id}]: {row.stance}{terms}")
    return out + [""]


def render_briefing(b: Briefing) -> str:
    """The Markdown briefing."""
    out = ["# Briefing", "", f"_{len(b.sources)} articles, {len(b.stories)} stories · {b.model}_", ""]
    for n, story in enumerate(b.stories, 1):
        out += _story(n, story)
    out += [
        "## Sources",
        "",
        "| id | outlet | language | date | stance of the article's voice |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| {r.id} | {table_cell(r.outlet)} | {r.language} | {table_cell(r.date) or '—'} | {table_cell(r.stance)} |"
        for r in b.sources
    ]
    if b.duplicates or b.failures:
        out += ["", "## Appendix"]
    if b.duplicates:
        out += ["", "**Duplicates collapsed:**"]
        out += [
            f"- {d['origin']} = {d['duplicate_of']} ({d['kind']}, {float(d['similarity']):.2f})" for d in b.duplicates
        ]
    if b.failures:
        out += ["", "**Articles that failed:**"] + [f"- {f['origin']}: {f['error']}" for f in b.failures]
    return "\n".join(out) + "\n"
