"""ROUGE-1, ROUGE-2 and ROUGE-L F-measures without external packages, and the lead-n baseline.

Tokens are Unicode word runs (``\\w+``, so digits count and punctuation does not) of the
casefolded text; with ``stem=True`` each token is reduced by ``names.light_stem`` (off by
default, like the reference implementation's default). ROUGE-N is the F1 of clipped n-gram
overlap counts; ROUGE-L is the F1 of the longest common subsequence over the whole text
(not the sentence-split "Lsum" variant). An empty prediction or reference scores 0.0.

``lead_n`` takes the first sentences of an article, the classic extractive baseline a
summariser has to beat; sentences come from the agent's own splitter, which knows
abbreviations ("z. B.", "Dr.") and ordinal dates ("am 3. Juni").
"""

from __future__ import annotations

import re
from collections import Counter

from agent.evals.names import light_stem
from agent.text.sentences import split_sentences

_WORD = re.compile(r"\w+")


def tokenize(text: str, *, stem: bool = False) -> list[str]:
    """Casefolded Unicode word tokens of ``text``, light-stemmed when ``stem`` is set."""
    tokens = _WORD.findall(text.casefold())
    return [light_stem(t) for t in tokens] if stem else tokens


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f1(overlap: int, pred_total: int, ref_total: int) -> float:
    if not overlap or not pred_total or not ref_total:
        return 0.0
    precision, recall = overlap / pred_total, overlap / ref_total
    return 2 * precision * recall / (precision + recall)


def rouge_n(pred: list[str], ref: list[str], n: int) -> float:
    """ROUGE-N F1 of two token lists (clipped n-gram counts)."""
    p, r = _ngrams(pred, n), _ngrams(ref, n)
    overlap = sum((p & r).values())
    return _f1(overlap, sum(p.values()), sum(r.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two token lists (O(len(a)·len(b)) time, O(len(b)) memory)."""
    if not a or not b:
        return 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(pred: list[str], ref: list[str]) -> float:
    """ROUGE-L F1 (longest common subsequence) of two token lists."""
    return _f1(lcs_length(pred, ref), len(pred), len(ref))


def rouge_scores(pred: str, ref: str, *, stem: bool = False) -> dict[str, float]:
    """``rouge1``, ``rouge2`` and ``rougeL`` F-measures of a predicted text against a reference."""
    p, r = tokenize(pred, stem=stem), tokenize(ref, stem=stem)
    return {"rouge1": rouge_n(p, r, 1), "rouge2": rouge_n(p, r, 2), "rougeL": rouge_l(p, r)}


def lead_n(text: str, n: int = 3, language: str | None = None) -> str:
    """The first ``n`` sentences of ``text``, joined by single spaces.

    ``language`` is accepted for symmetry with the other text tools; the splitter's
    abbreviation list already covers German, English, French and Spanish news.
    """
    return " ".join(s.text for s in split_sentences(text)[: max(n, 0)])
