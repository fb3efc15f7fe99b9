"""Group analysed articles into stories, across languages, by code.

Each article is represented by the words of its English summary and English
claim renderings plus its speakers' and targets' names (names travel across
languages better than anything else). Articles whose TF-IDF cosine similarity
passes a threshold are linked; stories are the connected groups, largest first.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from agent.brief.store import ArticleResult

_STOP = set(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "they",
        "he",
        "she",
        "we",
        "you",
        "i",
        "not",
        "no",
        "but",
        "if",
        "then",
        "than",
        "so",
        "such",
        "into",
        "about",
        "over",
        "after",
        "before",
        "between",
        "during",
        "while",
        "would",
        "will",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "also",
        "more",
        "most",
        "said",
        "says",
        "say",
        "told",
        "according",
        "new",
        "one",
        "two",
        "three",
        "first",
        "last",
        "week",
        "year",
        "years",
        "day",
        "days",
        "people",
        "there",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "each",
        "other",
        "only",
        "just",
        "very",
        "up",
        "out",
        "off",
        "again",
        "further",
        "once",
    ]
)
THRESHOLD = 0.18


def _features(result: ArticleResult) -> Counter[str]:
    a = result.analysis
    if a is None:
        return Counter()
    text = " ".join([a.summary_en, *(c.claim_en for c in a.claims)])
    words = [w.casefold() for w in re.findall(r"[^\W\d_]{3,}", text)]
    feats = Counter(w for w in words if w not in _STOP)
    names = [c.speaker for c in a.claims if c.speaker] + a.stance.targets
    for name in names:
        for part in re.findall(r"[^\W\d_]{3,}", name):
            feats[part.casefold()] += 2
    return feats


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na, nb = math.sqrt(sum(v * v for v in a.values())), math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def group_stories(results: list[ArticleResult], threshold: float = THRESHOLD) -> list[list[ArticleResult]]:
    """Connected groups of similar analysed articles, largest first; failed articles are left out."""
    ok = [r for r in results if r.analysis is not None]
    feats = [_features(r) for r in ok]
    df = Counter(k for f in feats for k in f)
    n = len(ok)
    vectors = [{k: v * math.log(1 + n / df[k]) for k, v in f.items()} for f in feats]
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if _cosine(vectors[i], vectors[j]) >= threshold:
                parent[root(i)] = root(j)
    groups: dict[int, list[ArticleResult]] = {}
    for i, result in enumerate(ok):
        groups.setdefault(root(i), []).append(result)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0].id))
