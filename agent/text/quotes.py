"""Direct quotations found by their quote marks, with offsets; code does this better than a model.

Recognised pairs, tried in this order so that a German closing ``“`` is never
taken for an English opening one: „…“ / „…” (German), »…« (German, alternative),
«…» (French, Spanish, Russian, Italian; inner spaces trimmed), “…” (English),
"…" (straight). Single marks (‚…‘, ‘…’) are only nested quotes or scare quotes
and are left inside the outer quote. A quote never spans a paragraph break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERNS = [
    re.compile(r"„((?:[^„“”\n]|\n(?!\n)){1,2000}?)[“”]"),
    re.compile(r"»((?:[^»«\n]|\n(?!\n)){1,2000}?)«"),
    re.compile(r"«[\s\u00a0\u202f]*((?:[^«»\n]|\n(?!\n)){1,2000}?)[\s\u00a0\u202f]*»"),
    re.compile(r"“((?:[^“”„\n]|\n(?!\n)){1,2000}?)”"),
    re.compile(r"\"((?:[^\"\n]|\n(?!\n)){1,2000}?)\""),
]


@dataclass(frozen=True)
class Quote:
    """A quoted passage: ``start``/``end`` cover the words inside the marks."""

    start: int
    end: int
    text: str
    outer_start: int
    outer_end: int

    @property
    def words(self) -> int:
        """Number of words inside the marks."""
        return len(self.text.split())


def find_quotes(text: str) -> list[Quote]:
    """All non-overlapping direct quotes of ``text``, in reading order."""
    taken = [False] * len(text)
    found: list[Quote] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(taken[m.start() : m.end()]):
                continue
            inner = m.group(1)
            if not inner.strip():
                continue
            found.append(Quote(m.start(1), m.end(1), inner, m.start(), m.end()))
            for i in range(m.start(), m.end()):
                taken[i] = True
    return sorted(found, key=lambda q: q.start)


def is_statement(quote: Quote) -> bool:
    """A quote long enough to be someone's words rather than a scare-quoted term."""
    return quote.words >= 4


def unquoted(text: str) -> str:
    """``text`` with the words inside its quotation marks blanked out (offsets kept)."""
    for quote in find_quotes(text):
        text = text[: quote.start] + " " * (quote.end - quote.start) + text[quote.end :]
    return text
