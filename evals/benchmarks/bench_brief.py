"""Benchmark `agent brief`: wall time, time per article, tokens, and a cached re-run, for N articles.

    python evals/benchmarks/bench_brief.py --sizes 5 20 50            # embedded model (slow: minutes/article)
    python evals/benchmarks/bench_brief.py --sizes 5 20 50 --fake     # pipeline overhead only (no model)

Articles come from seeds/ and the inline texts of evals/datasets/core@1.jsonl; beyond those, the pool
repeats with a numbered last line, so every article is new to the caches.
Each size starts from empty caches in a temporary folder; the re-run reuses them.
Prints one table row per size; numbers are measured in this run, never stored.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from agent.brief.briefing import build_briefing  # noqa: E402
from agent.brief.run import analyze_many  # noqa: E402
from agent.brief.store import AnalysisStore  # noqa: E402
from agent.ingest import collect_articles  # noqa: E402
from agent.ingest.article import Article  # noqa: E402
from agent.ingest.collect import CollectResult  # noqa: E402
from agent.llm.factory import ModelHandle, open_model  # noqa: E402
from agent.llm.response_cache import ResponseCache  # noqa: E402
from agent.pipeline.analyze import AnalyzeOptions  # noqa: E402


def article_pool() -> list[Article]:
    """Distinct articles: the seed folder, then the inline eval texts."""
    pool = collect_articles([str(ROOT / "seeds")]).articles
    seen = {a.content_hash for a in pool}
    for line in (ROOT / "evals" / "datasets" / "core@1.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if "text" in row:
            article = Article(text=row["text"], title=row.get("title"), origin=row["id"])
            if article.content_hash not in seen:
                seen.add(article.content_hash)
                pool.append(article)
    return pool


def fake_model() -> ModelHandle:
    """A fake model answering every step (for measuring the pipeline without inference)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from fakes import fake_handle  # type: ignore[import-not-found]

    return fake_handle()


def run(articles: list[Article], model: ModelHandle, folder: Path) -> tuple[float, int, int, int]:
    """One briefing run; returns seconds and tokens in / cached / out."""
    cache = ResponseCache(folder / "responses")
    options = AnalyzeOptions(cache=cache)
    started = time.perf_counter()
    results = analyze_many(articles, model, options, AnalysisStore(folder / "analyses"))
    build_briefing(results, CollectResult(articles=articles), model, options.prompts, cache)
    seconds = time.perf_counter() - started
    fresh = [r.analysis.provenance for r in results if r.analysis and not r.from_cache]
    return (
        seconds,
        sum(p.input_tokens for p in fresh),
        sum(p.cached_tokens for p in fresh),
        sum(p.output_tokens for p in fresh),
    )


def main() -> None:
    """Print the benchmark table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 20, 50])
    parser.add_argument("--fake", action="store_true", help="use the fake model (no inference)")
    args = parser.parse_args()
    pool = article_pool()
    model = fake_model() if args.fake else open_model()
    print(f"model: {model.backend}:{model.name}; {len(pool)} distinct articles available")
    print("| N | wall s | s/article | tokens in | cached | out | cached re-run s | re-run / first |")
    print("|---|---|---|---|---|---|---|---|")
    try:
        for n in args.sizes:
            articles = [
                a if i < len(pool) else a.model_copy(update={"text": f"{a.text}\n\n(Variant {i // len(pool)}.)"})
                for i, a in ((i, pool[i % len(pool)]) for i in range(n))
            ]
            with tempfile.TemporaryDirectory() as tmp:
                first, tin, tcached, tout = run(articles, model, Path(tmp))
                again, *_ = run(articles, model, Path(tmp))
            print(
                f"| {len(articles)} | {first:.1f} | {first / len(articles):.1f} | {tin} | {tcached} | {tout} "
                f"| {again:.2f} | {again / first:.3f} |",
                flush=True,
            )
    finally:
        model.close()
    print(f"peak RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
