"""Find a model-given string verbatim in the source, with offsets; never invent a span.

Matching is exact first, then on a normalised view of both texts (typographic
quote marks and apostrophes unified, dashes unified, whitespace folded, Unicode
NFKC). Offsets always point into the original source, so
``source[span.start:span.end]`` is what the article really says.
"""

from __future__ import annotations

import unicodedata

from agent.schema import Span

_QUOTE_CHARS = "\"'„“”‟«»‹›‚‘’‛`´"
_DASHES = "‐‑‒–—―−"
_STRIP = _QUOTE_CHARS + " .,;:!?…"


def _norm_char(ch: str) -> str:
    if ch in _QUOTE_CHARS:
        return '"'
    if ch in _DASHES:
        return "-"
    if ch.isspace():
        return " "
    return unicodedata.normalize("NFKC", ch)


def normalized_view(text: str) -> tuple[str, list[int]]:
    """Return the normalised text and, for each of its characters, the index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        norm = _norm_char(ch)
        if norm == " " and out and out[-1] == " ":
            continue
        for c in norm:
            out.append(c)
            index.append(i)
    return "".join(out), index


def find_span(source: str, candidate: str, *, start: int = 0) -> Span | None:
    """Locate ``candidate`` in ``source`` (exact, then normalised); None when it is not there."""
    cand = candidate.strip()
    if not cand:
        return None
    pos = source.find(cand, start)
    if pos >= 0:
        return Span(text=cand, start=pos, end=pos + len(cand), match="exact")
    norm_src, index = normalized_view(source)
    norm_cand, _ = normalized_view(cand.strip(_STRIP) or cand)
    norm_cand = norm_cand.strip()
    if not norm_cand:
        return None
    from_pos = next((k for k, i in enumerate(index) if i >= start), len(index))
    hit = norm_src.find(norm_cand, from_pos)
    if hit < 0:
        # lower(), not casefold(): it keeps "ß" one character, so offsets stay aligned.
        hit = norm_src.lower().find(norm_cand.lower(), from_pos)
        if hit < 0 or len(norm_src.lower()) != len(norm_src):
            return None
    s, e = index[hit], index[hit + len(norm_cand) - 1] + 1
    return Span(text=source[s:e], start=s, end=e, match="normalized")


def span_at(source: str, start: int, end: int) -> Span:
    """The exact span ``source[start:end]``."""
    return Span(text=source[start:end], start=start, end=end, match="exact")


def _stem(word: str) -> str:
    return word[: max(4, len(word) - 3)] if len(word) > 5 else word


def contains_words(source: str, phrase: str) -> bool:
    """True when every word of ``phrase`` occurs in ``source``, case-insensitive, inflection-tolerant.

    "russisches Außenministerium" is found in "des russischen Außenministeriums": long words
    are compared without their last three letters, enough for German, French and Spanish endings.
    """
    words = [w.strip(".,;:()") for w in normalized_view(phrase)[0].casefold().replace('"', " ").split()]
    hay = normalized_view(source)[0].casefold()
    return any(words) and all(_stem(w) in hay for w in words if w)
