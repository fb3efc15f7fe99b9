"""Split an article that does not fit the model's context into parts (for map-reduce).

Parts end at paragraph breaks, or at sentence ends inside an over-long
paragraph; nothing is dropped, and each part keeps its offset in the article
so spans found in a part point into the whole text.
"""

from __future__ import annotations

import re

from agent.text.sentences import split_sentences
from agent.tokens import count_tokens

# The embedded model's tokenizer spends more tokens than o200k_base on European languages.
TOKENIZER_MARGIN = 1.35
RESERVED_TOKENS = 2300  # system prompt, task, answer and one re-ask


def part_budget(context_tokens: int) -> int:
    """How many (o200k) tokens of article text one part may hold."""
    return max(500, int((context_tokens - RESERVED_TOKENS) / TOKENIZER_MARGIN))


def _pieces(text: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        pieces.append((para.start(), para.end()))
    return pieces


def split_parts(text: str, budget: int) -> list[tuple[int, str]]:
    """Parts of ``text`` within ``budget`` tokens each, as (offset, part text)."""
    if count_tokens(text) <= budget:
        return [(0, text)]
    units: list[tuple[int, int]] = []
    for start, end in _pieces(text):
        if count_tokens(text[start:end]) <= budget:
            units.append((start, end))
        else:
            units += [(start + s.start, start + s.end) for s in split_sentences(text[start:end])]
    parts: list[tuple[int, str]] = []
    cur_start: int | None = None
    cur_end = 0
    for start, end in units:
        if cur_start is not None and count_tokens(text[cur_start:end]) > budget:
            parts.append((cur_start, text[cur_start:cur_end]))
            cur_start = None
        if cur_start is None:
            cur_start = start
        cur_end = end
    if cur_start is not None:
        parts.append((cur_start, text[cur_start:cur_end]))
    return parts
