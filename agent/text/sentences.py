"""Sentence splitting with character offsets, and attribution units.

A rule-based splitter is enough for news prose and far cheaper and more
predictable than asking a model. It splits after ``.``, ``!``, ``?`` or ``…``
(plus closing quotes or brackets) before an upper-case letter, a digit or an
opening quote, except after a known abbreviation, an initial or a short
ordinal number ("am 25. Juni"); a line break always ends a sentence.

An *attribution unit* is a run of sentences glued together where a direct
quote runs across sentence ends, so that a quote is never cut in two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.text.quotes import Quote

_ABBREVIATIONS = {
    # German
    "z",
    "b",
    "bzw",
    "ca",
    "dr",
    "prof",
    "nr",
    "st",
    "str",
    "u",
    "a",
    "usw",
    "vgl",
    "etc",
    "mio",
    "mrd",
    "abs",
    "art",
    "bzgl",
    "ggf",
    "inkl",
    "evtl",
    "sog",
    "jh",
    "jhd",
    "dipl",
    "ing",
    "hr",
    "fr",
    "gen",
    "d",
    "h",
    "o",
    "v",
    "s",
    "m",
    # English
    "mr",
    "mrs",
    "ms",
    "jr",
    "sr",
    "vs",
    "gov",
    "sen",
    "rep",
    "col",
    "lt",
    "sgt",
    "inc",
    "corp",
    "ltd",
    "co",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "mt",
    "ft",
    "e",
    "g",
    "i",
    # French / Spanish / Italian
    "mme",
    "mlle",
    "sra",
    "dña",
    "sig",
    "dott",
    "av",
    "pág",
    "núm",
}
_END = re.compile(r"[.!?…]+[\"'”“»«’)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+[\"'„“«»‚(\[]*[A-ZÄÖÜÀ-ÝА-ЯЁ0-9¿¡]")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the text with its offsets (``text == source[start:end]``)."""

    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w]+)$", text[max(0, dot - 20) : dot])
    if not word:
        return False
    token = word.group(1)
    if token.isdigit():
        return len(token) <= 2  # "am 25. Juni", "3. Liga"
    return token.casefold() in _ABBREVIATIONS or (len(token) == 1 and token.isupper())


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets; blank and whitespace-only pieces are dropped."""
    cuts: list[int] = []
    for line in re.finditer(r"[^\n]+", text):
        for m in _END.finditer(line.group()):
            end = line.start() + m.end()
            follower = _NEXT_START.match(text, end)
            if not follower or follower.start() > line.end():
                continue
            single_dot = m.group().startswith(".") and len(m.group().rstrip("\"'”“»«’)]")) == 1
            if single_dot and _is_abbreviation(text, line.start() + m.start()):
                continue
            cuts.append(end)
        cuts.append(line.end())
    sentences: list[Sentence] = []
    start = 0
    for cut in sorted(set(cuts)):
        piece = text[start:cut]
        lead = len(piece) - len(piece.lstrip())
        s, e = start + lead, start + len(piece.rstrip())
        if e > s:
            sentences.append(Sentence(s, e, text[s:e]))
        start = cut
    tail = text[start:]
    if tail.strip():
        lead = len(tail) - len(tail.lstrip())
        sentences.append(Sentence(start + lead, start + len(tail.rstrip()), tail.strip()))
    return sentences


def attribution_units(text: str, sentences: list[Sentence], quotes: list[Quote]) -> list[Sentence]:
    """Merge consecutive sentences that one direct quote runs across."""
    units: list[Sentence] = []
    for sent in sentences:
        if units and any(q.outer_start < units[-1].end and q.outer_end > sent.start for q in quotes):
            prev = units[-1]
            units[-1] = Sentence(prev.start, sent.end, text[prev.start : sent.end])
        else:
            units.append(sent)
    return units
