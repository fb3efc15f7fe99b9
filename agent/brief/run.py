"""Analyse many articles for a briefing: cached, resumable, one failure never stops the run."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor, as_completed

from agent.brief.store import AnalysisStore, ArticleResult, RunLog, analysis_key
from agent.errors import AgentError
from agent.ingest.article import Article
from agent.llm.factory import ModelHandle
from agent.pipeline.analyze import PIPELINE_PROMPTS, AnalyzeOptions, Progress, analyze_article


def prompt_ids(options: AnalyzeOptions) -> list[str]:
    """The ``name@version`` of every prompt the analysis uses (part of the cache key)."""
    return [options.prompts.get(name).id for name in PIPELINE_PROMPTS]


def analyze_many(
    articles: list[Article],
    model: ModelHandle,
    options: AnalyzeOptions,
    store: AnalysisStore,
    log: RunLog | None = None,
    progress: Progress | None = None,
    concurrency: int = 1,
) -> list[ArticleResult]:
    """Analyse every article (from the store when already done), in input order, ids a1, a2, …"""
    model_id = model.id
    prompts = prompt_ids(options)
    done = 0

    def one(index: int, article: Article) -> ArticleResult:
        exact = hashlib.sha256(f"{article.title}\n{article.text}".encode()).hexdigest()
        key = analysis_key(exact, prompts, model_id)
        result = ArticleResult(id=f"a{index + 1}", origin=article.origin, content_hash=article.content_hash)
        cached = store.get(key)
        if cached is not None:
            # The same text may come from another origin: the source facts are this article's.
            facts = {k: getattr(article, k) for k in ("title", "url", "origin", "published", "outlet")}
            cached.source = cached.source.model_copy(update=facts)
            result.analysis, result.from_cache = cached, True
            return result
        try:
            result.analysis = analyze_article(article, model, options)
            store.put(key, result.analysis)
        except AgentError as exc:
            result.error = str(exc)
        except Exception as exc:  # one broken article must not stop a long run
            result.error = f"unexpected {type(exc).__name__}: {exc}"
        return result

    def finish(result: ArticleResult) -> ArticleResult:
        nonlocal done
        done += 1
        if log:
            log.append(result)
        if progress:
            progress("articles", done, len(articles))
        return result

    if concurrency <= 1 or model.backend == "embedded":
        return [finish(one(i, a)) for i, a in enumerate(articles)]
    pool = ThreadPoolExecutor(max_workers=concurrency)
    try:
        futures = {pool.submit(one, i, a): i for i, a in enumerate(articles)}
        done_results = {futures[f]: finish(f.result()) for f in as_completed(futures)}  # logged as they finish
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    pool.shutdown()
    return [done_results[i] for i in range(len(articles))]
