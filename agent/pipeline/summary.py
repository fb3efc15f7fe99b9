"""Summary steps: source-language summary, English rendering, and the reduce step for long articles."""

from __future__ import annotations

from agent.pipeline.replies import SummaryReply, TranslationReply
from agent.pipeline.session import ArticleSession
from agent.text.language import language_name

ENGLISH_NOTE = "The article is in English: summary_en is the summary itself, not a second run."


def summarize(session: ArticleSession) -> str:
    """Summary of the session's article (part) in its own language."""
    reply = session.run("summary", "summary", SummaryReply, language_name=language_name(session.language))
    return reply.summary


def reduce_summaries(session: ArticleSession, parts: list[str], full_text: str) -> str:
    """One summary of a long article from the summaries of its parts (map-reduce).

    Its numbers are checked against the whole article, not the part in the session's prefix.
    """
    joined = "\n".join(f"Part {i}: {p}" for i, p in enumerate(parts, 1))
    reply = session.run(
        "summary_reduce",
        "reduce_summary",
        SummaryReply,
        context={"source": full_text},
        language_name=language_name(session.language),
        parts=joined,
    )
    return reply.summary


def english_summary(session: ArticleSession, summary: str) -> tuple[str, str | None]:
    """The English summary and a note; an English article is not summarised twice."""
    if session.language == "en":
        return summary, ENGLISH_NOTE
    reply = session.run("summary_en", "translate_summary", TranslationReply, summary=summary)
    return reply.summary_en, None
