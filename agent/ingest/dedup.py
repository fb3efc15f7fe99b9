"""Duplicate detection for a batch of articles: exact (same content hash) and near (shingles).

Near duplicates are found by the Jaccard similarity of word 5-gram shingles (hashed to
ints). An inverted index from shingle to kept article keeps this fast: only articles that
share a shingle are compared. The first article seen is kept; later copies are reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from agent.ingest.article import Article

SHINGLE_WORDS = 5
NEAR_THRESHOLD = 0.8
_WORD = re.compile(r"\w+")


class Duplicate(BaseModel):
    """An article left out because it repeats one kept earlier."""

    origin: str
    duplicate_of: str
    kind: Literal["exact", "near"]
    similarity: float


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """Hashed word ``size``-grams of ``text`` (case-folded); a short text is one shingle."""
    words = _WORD.findall(text.casefold())
    if not words:
        return set()
    if len(words) <= size:
        return {hash(" ".join(words))}
    return {hash(" ".join(words[i : i + size])) for i in range(len(words) - size + 1)}


def jaccard(left: set[int], right: set[int]) -> float:
    """Jaccard similarity of two shingle sets (0.0 when both are empty)."""
    if not left and not right:
        return 0.0
    shared = len(left & right)
    return shared / (len(left) + len(right) - shared)


def deduplicate(
    articles: Iterable[Article], *, threshold: float = NEAR_THRESHOLD
) -> tuple[list[Article], list[Duplicate]]:
    """Split ``articles`` into those kept (first of each group, in order) and the duplicates.

    ``threshold`` is the shingle Jaccard similarity at or above which two texts count as
    near duplicates; a value above 1 turns near-duplicate detection off.
    """
    kept: list[Article] = []
    duplicates: list[Duplicate] = []
    by_hash: dict[str, str] = {}
    kept_shingles: list[set[int]] = []
    index: dict[int, list[int]] = {}
    for article in articles:
        digest = article.content_hash
        if digest in by_hash:
            duplicates.append(
                Duplicate(origin=article.origin, duplicate_of=by_hash[digest], kind="exact", similarity=1.0)
            )
            continue
        grams = shingles(article.text)
        match, similarity = _nearest(grams, kept_shingles, index)
        if match is not None and similarity >= threshold:
            duplicates.append(
                Duplicate(
                    origin=article.origin, duplicate_of=kept[match].origin, kind="near", similarity=round(similarity, 3)
                )
            )
            continue
        by_hash[digest] = article.origin
        position = len(kept)
        kept.append(article)
        kept_shingles.append(grams)
        for gram in grams:
            index.setdefault(gram, []).append(position)
    return kept, duplicates


def _nearest(grams: set[int], kept: list[set[int]], index: dict[int, list[int]]) -> tuple[int | None, float]:
    """The kept article most similar to ``grams`` and its Jaccard similarity."""
    shared: Counter[int] = Counter(position for gram in grams if gram in index for position in index[gram])
    best, best_score = None, 0.0
    for position, count in shared.items():
        score = count / (len(grams) + len(kept[position]) - count)
        if score > best_score or (score == best_score and best is not None and position < best):
            best, best_score = position, score
    return best, best_score
