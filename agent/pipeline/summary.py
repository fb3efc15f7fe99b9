"""Summary steps: source-language summary, English rendering, and the reduce step for long articles."""

from __future__ import annotations

from collections.abc import Callable

from agent.llm.structured import RepairFailed
from agent.pipeline.replies import SummaryReply, TranslationReply, trim_summary
from agent.pipeline.session import ArticleSession
from agent.text.language import language_name
from agent.text.sentences import split_sentences

ENGLISH_NOTE = "The article is in English: summary_en is the summary itself, not a second run."


LEAD_SENTENCES = 3
LEAD_WORDS = 90
MIN_LEAD_SENTENCE_WORDS = 6


def lead_sentences(text: str) -> str:
    """The article's opening sentences: up to 3 and about 90 words, skipping fragments (titles, credits)."""
    kept: list[str] = []
    for sentence in split_sentences(text):
        words = sentence.text.split()
        if len(words) < MIN_LEAD_SENTENCE_WORDS:
            continue
        if kept and len(" ".join(kept).split()) + len(words) > LEAD_WORDS:
            break
        kept.append(" ".join(words))
        if len(kept) == LEAD_SENTENCES:
            break
    return " ".join(kept)


def summarize(session: ArticleSession, warn: Callable[[str], None]) -> str:
    """Summary of the session's article (part) in its own language.

    summary@2 and later get the opening sentences picked by code (``lead``); summary@1 does not.
    When the model's summary fails its checks twice, the opening sentences stand in, with a warning.
    """
    lead = lead_sentences(session.text)
    values = {"language_name": language_name(session.language), "lead": lead}
    wanted = session.prompts.get("summary").variables
    try:
        reply = session.run("summary", "summary", SummaryReply, **{k: v for k, v in values.items() if k in wanted})
    except RepairFailed as exc:
        warn(f"summary: {exc}; the article's opening sentences stand in for it")
        return trim_summary(lead)
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


def english_summary(session: ArticleSession, summary: str, warn: Callable[[str], None]) -> tuple[str, str | None]:
    """The English summary and a note; an English article is not summarised twice."""
    if session.language == "en":
        return summary, ENGLISH_NOTE
    try:
        reply = session.run("summary_en", "translate_summary", TranslationReply, summary=summary)
    except RepairFailed as exc:
        warn(f"summary_en: {exc}")
        return "", "No English rendering: the model's answers failed their checks."
    return reply.summary_en, None
