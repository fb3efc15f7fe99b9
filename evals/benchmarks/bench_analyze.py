"""Benchmark `agent analyze` on one article: wall time, peak memory, tokens, prompt-cache share, cached re-run.

    python evals/benchmarks/bench_analyze.py [ARTICLE]     # default: the seed article, embedded model

Prints numbers measured in this run: the first analysis (fresh reply cache), the share of input tokens
llama.cpp served from its prompt cache, and a re-run answered from the reply cache, as a ratio.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from agent.ingest import load_article  # noqa: E402
from agent.llm.factory import open_model  # noqa: E402
from agent.llm.response_cache import ResponseCache  # noqa: E402
from agent.pipeline.analyze import AnalyzeOptions, analyze_article  # noqa: E402


def main() -> None:
    """Print the benchmark lines."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", default=str(ROOT / "seeds" / "000_d4ca25cd25f33b7d.txt"))
    args = parser.parse_args()
    article = load_article(args.article)
    started = time.perf_counter()
    model = open_model()
    startup = time.perf_counter() - started
    try:
        with tempfile.TemporaryDirectory() as tmp:
            options = AnalyzeOptions(cache=ResponseCache(Path(tmp)))
            started = time.perf_counter()
            first = analyze_article(article, model, options)
            first_s = time.perf_counter() - started
            started = time.perf_counter()
            analyze_article(article, model, options)
            again_s = time.perf_counter() - started
    finally:
        model.close()
    p = first.provenance
    print(f"article: {args.article} ({first.source.tokens} tokens, {first.source.language})")
    print(f"model start: {startup:.1f} s ({model.backend}:{model.name})")
    print(f"analysis: {first_s:.1f} s, {len(p.steps)} model calls, {len(first.claims)} claims")
    print(
        f"tokens: processed {p.input_tokens}, served from prompt cache {p.cached_tokens} "
        f"({p.cached_tokens / max(1, p.input_tokens):.0%}), generated {p.output_tokens}"
    )
    print(f"re-run from reply cache: {again_s:.2f} s ({again_s / first_s:.4f} of the first run)")
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
