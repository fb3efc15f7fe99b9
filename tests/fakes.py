"""Scripted responders for ``agent.llm.fake.FakeChatModel``: small, deterministic, offline.

``scripted_responder()`` reads the task prompt (the last message; in a re-ask the last "TASK:" one) and answers
like a well-behaved model would: valid JSON built from the article and the
passage it was shown. ``overrides`` replaces the answer of one task (a dict is
sent as JSON, a string as is, a callable is called with the messages) and
``speakers`` lists names the attribution step should prefer when they occur in
the passage.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from langchain_core.messages import BaseMessage

from agent.ingest.article import Article
from agent.llm.factory import ModelHandle
from agent.llm.fake import FakeChatModel

DATA = Path(__file__).parent / "data"

Responder = Callable[[list[BaseMessage]], str]

# Task prompts start with these words (see prompts/*.md); the order matters only for prefixes.
TASKS = {
    "TASK: summarise": "summary",
    "TASK: translate": "translate",
    "TASK: attribution": "attribution",
    "TASK: how the article frames": "framing",
    "TASK: how does the article's own narration": "stance",
    "TASK: what is ": "stance_actor",
    "TASK: stance toward": "stance",
    "TASK: the article was too long": "reduce",
}

_SPEECH = r"(?:sagte|sagt|erklärte|betonte|so|said|says|told|according\s+to|a\s+déclaré|a\s+dit|selon|affirme)"
_NAME = r"((?:[A-ZÄÖÜÀ-Ý][\w'’-]+)(?:\s+[A-ZÄÖÜÀ-Ý][\w'’-]+)*)"
_SPEAKER_AFTER_CUE = re.compile(rf"(?:^|[\s,])(?:{_SPEECH})\s+(?:der\s+|die\s+|the\s+|le\s+|la\s+)?{_NAME}")
_QUOTE_MARKS = re.compile(r"[„“”«»\"]")
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s|$)", re.DOTALL)
_NOT_NAMES = {"Der", "Die", "Das", "The", "Le", "La", "Les", "Er", "Sie", "He", "She", "Il", "Elle"}


def task_message(messages: list[BaseMessage]) -> str:
    """The task prompt: the last message (or, in a re-ask, the last one that starts with "TASK:")."""
    for message in reversed(messages):
        if str(message.content).startswith("TASK:"):
            return str(message.content)
    raise AssertionError(f"no task prompt in {[str(m.content)[:40] for m in messages]}")


def task_of(messages: list[BaseMessage]) -> str:
    """Which step a conversation is (summary, translate, attribution, framing, stance, ...)."""
    task = task_message(messages)
    for prefix, name in TASKS.items():
        if task.startswith(prefix):
            return name
    raise AssertionError(f"unknown task prompt: {task[:80]!r}")


def is_reask(messages: list[BaseMessage]) -> bool:
    """True when the conversation is a re-ask after an invalid answer."""
    return not str(messages[-1].content).startswith("TASK:")


def fenced(text: str, suffix: str = "") -> str:
    """The text between ``<article-…{suffix}>`` and ``</article-…{suffix}>`` lines."""
    m = re.search(rf"^<(article-[0-9a-f]+{re.escape(suffix)})>\n(.*?)\n</\1>$", text, re.MULTILINE | re.DOTALL)
    if not m:
        raise AssertionError(f"no <article-…{suffix}> fence in {text[:120]!r}")
    return m.group(2)


def article_text(messages: list[BaseMessage]) -> str:
    """The article as the model sees it (second message, inside the fence)."""
    return fenced(str(messages[1].content))


def first_sentence(text: str) -> str:
    """First sentence of ``text`` (up to the first . ! or ? before a space)."""
    m = _FIRST_SENTENCE.match(text.strip())
    return " ".join((m.group(1) if m else text.strip()).split())


def pick_speaker(passage: str, speakers: list[str]) -> str:
    """A speaker named in the passage (known names first, then the name after a cue), else ''."""
    for name in speakers:
        if name in passage:
            return name
    m = _SPEAKER_AFTER_CUE.search(passage)
    return m.group(1) if m and m.group(1) not in _NOT_NAMES else ""


def attribution_reply(messages: list[BaseMessage], speakers: list[str]) -> dict[str, Any]:
    passage = fenced(task_message(messages), "-passage")
    speaker = pick_speaker(passage, speakers)
    if not speaker:
        return {"form": "none", "source_phrase": "", "speaker": "", "speaker_role": "", "claim_en": "Narration."}
    form = "direct" if _QUOTE_MARKS.search(passage) else "indirect"
    return {
        "form": form,
        "source_phrase": speaker,
        "speaker": speaker,
        "speaker_role": "",
        "claim_en": f"{speaker} makes a statement.",
    }


def _targets(article: str, known: list[str]) -> list[str]:
    named = [t for t in known if t.casefold() in article.casefold()]
    if named:
        return named[:3]
    words = re.findall(r"\b[A-ZÄÖÜ][a-zäöüß]{3,}\b", article)
    return [next((w for w in words[1:] if w not in _NOT_NAMES), words[0] if words else "Article")]


def default_reply(
    task: str, messages: list[BaseMessage], speakers: list[str], targets: list[str] | None = None
) -> dict[str, Any]:
    """The well-behaved answer to ``task``."""
    article = article_text(messages)
    if task == "summary":
        return {"summary": first_sentence(article)}
    if task == "translate":
        return {"summary_en": "The article reports on a dispute between the parties involved."}
    if task == "reduce":
        parts = fenced(task_message(messages), "-parts")
        first = parts.split("\n", 1)[0].removeprefix("Part 1: ")
        return {"summary": first}
    if task == "attribution":
        return attribution_reply(messages, speakers)
    if task == "framing":
        return {"targets": _targets(article, targets or []), "loaded_terms": [], "sources": []}
    if task == "stance":
        return {
            "label": "neutral",
            "rationale": "The article only reports.",
            "evidence": [" ".join(article.split()[:3])],
        }
    if task == "stance_actor":
        return {"label": "critical", "rationale": "The actor objects.", "statement": 1}
    raise AssertionError(task)


def scripted_responder(
    overrides: dict[str, Any] | None = None, speakers: list[str] | None = None, targets: list[str] | None = None
) -> Responder:
    """A responder that answers every task of the pipeline with plausible, valid JSON.

    ``speakers``: names attribution prefers when they occur in the passage; ``targets``: the
    framing step's targets (those that occur in the article), else the article's first long noun.
    """
    overrides = dict(overrides or {})
    names = list(speakers or [])
    main_targets = list(targets or [])

    def respond(messages: list[BaseMessage]) -> str:
        task = task_of(messages)
        if task in overrides:
            answer = overrides[task]
            if callable(answer):
                answer = answer(messages)
            return answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        return json.dumps(default_reply(task, messages, names, main_targets), ensure_ascii=False)

    return respond


def invalid_then_valid(valid: str, invalid: str = "this is not JSON") -> Responder:
    """Invalid answer on the first call, ``valid`` on every later call."""
    calls = {"n": 0}

    def respond(messages: list[BaseMessage]) -> str:
        calls["n"] += 1
        return invalid if calls["n"] == 1 else valid

    return respond


def pronoun_responder(pronoun: str = "er") -> Responder:
    """Like ``scripted_responder`` but attribution always names a pronoun as speaker."""
    return scripted_responder(
        {
            "attribution": {
                "form": "indirect",
                "source_phrase": pronoun,
                "speaker": pronoun,
                "speaker_role": "",
                "claim_en": "Someone says something.",
            }
        }
    )


def fake_handle(responder: Responder | None = None, context_tokens: int = 8192) -> ModelHandle:
    """A ModelHandle around a FakeChatModel (``handle.chat.calls`` records every call)."""
    chat = FakeChatModel(responder=responder or scripted_responder())
    return ModelHandle(chat=chat, name="fake", backend="fake", context_tokens=context_tokens)


def data_article(name: str, title: str | None = None) -> Article:
    """One of the invented test articles in ``tests/data`` (read as is, not through the loader)."""
    text = (DATA / name).read_text(encoding="utf-8").strip()
    return Article(text=text, title=title, origin=str(DATA / name))
