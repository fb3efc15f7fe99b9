"""Run eval cases through the same pipeline and prompts the CLI uses, and score them.

Each case runs the part of the pipeline its task needs (full analysis,
claims only, summary only, headline stance, or HTML extraction without a
model), and its scores come from ``agent.evals.scorers``. Model replies go
through the response cache, so an unchanged re-run answers from disk.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone

from agent.errors import AgentError
from agent.evals.cases import Case, CaseOutput
from agent.evals.judge import judge_summary
from agent.evals.report import CaseResult, EvalReport, aggregate, case_result
from agent.ingest.article import Article
from agent.ingest.html_text import extract_article
from agent.llm.factory import ModelHandle
from agent.llm.response_cache import ResponseCache
from agent.pipeline.analyze import AnalyzeOptions, analyze_article, source_info
from agent.pipeline.headline import headline_stance
from agent.pipeline.session import ArticleSession, PromptSet
from agent.prompts import list_prompts
from agent.schema import Analysis

TASK_STEPS = {"analysis": ("summary", "claims", "stance"), "speakers": ("claims",), "summary": ("summary",)}


def _output_from_analysis(analysis: Analysis) -> CaseOutput:
    p = analysis.provenance
    return CaseOutput(
        analysis=analysis,
        repairs=sum(s.repairs for s in p.steps),
        calls=len(p.steps),
        schema_failures=sum("stayed invalid" in w for w in analysis.warnings),
        input_tokens=p.input_tokens,
        output_tokens=p.output_tokens,
        cached_tokens=p.cached_tokens,
        seconds=p.wall_seconds,
    )


def run_case(case: Case, model: ModelHandle, prompts: PromptSet, cache: ResponseCache | None) -> CaseOutput:
    """Produce the output ``case.task`` asks for."""
    if case.task == "extraction":
        started = time.perf_counter()
        text, _, _ = extract_article(case.html or "", case.url)
        return CaseOutput(extracted_text=text, seconds=round(time.perf_counter() - started, 3))
    article = Article(text=case.text, title=case.title, origin=case.id, language_hint=case.language)
    if case.task == "headline_stance":
        started = time.perf_counter()
        info = source_info(article)
        session = ArticleSession(
            model, case.text, info.language, case.title or "", article.content_hash, prompts, cache
        )
        label = headline_stance(session, case.gold.headline or "")
        records = session.records  # empty when code alone found the body unrelated
        return CaseOutput(
            headline_stance=label,
            raw_texts=[label],
            repairs=sum(r.repairs for r in records),
            calls=len(records),
            input_tokens=sum(r.input_tokens for r in records),
            output_tokens=sum(r.output_tokens for r in records),
            cached_tokens=sum(r.cached_tokens for r in records),
            seconds=round(time.perf_counter() - started, 3),
        )
    options = AnalyzeOptions(steps=TASK_STEPS[case.task], prompts=prompts, cache=cache)
    return _output_from_analysis(analyze_article(article, model, options))


def run_cases(
    eval_id: str,
    datasets: list[str],
    cases: list[Case],
    model: ModelHandle,
    prompts: PromptSet,
    cache: ResponseCache | None,
    progress: Callable[[str, int, int], None] | None = None,
    variant: str | None = None,
    judge: ModelHandle | None = None,
) -> EvalReport:
    """Run and score every case; a failing case is recorded with its error, never stops the run.

    With a ``judge`` model, analysis cases also get ``judge_summary`` (LLM-as-judge rubric).
    """
    results: list[CaseResult] = []
    for i, case in enumerate(cases):
        hits_before = cache.hits if cache else 0
        try:
            out = run_case(case, model, prompts, cache)
            cached = bool(cache) and cache.hits > hits_before and out.output_tokens == 0
            result = case_result(case, out, from_cache=cached)
            if judge and out.analysis and out.analysis.summary_en:
                article = Article(text=case.text, title=case.title, origin=case.id)
                result.scores["judge_summary"] = judge_summary(article, out.analysis, judge, prompts, cache)
            results.append(result)
        except AgentError as exc:
            results.append(case_result(case, None, error=str(exc)))
        if progress:
            progress(variant or "eval", i + 1, len(cases))
    versions = {p.name: str(p.version) for p in list_prompts()}
    versions.update({name: str(v) for name, v in prompts.overrides.items()})
    chosen = {name: f"{name}@{prompts.get(name).version}" for name in versions}
    return EvalReport(
        eval_id=eval_id,
        created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        model=f"{model.backend}:{model.name}",
        prompts=chosen,
        variant=variant,
        datasets=datasets,
        cases=results,
        metrics=aggregate(results),
    )
