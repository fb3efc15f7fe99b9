"""The analysis pipeline: code and model steps that turn an article into an ``Analysis``."""

from agent.pipeline.analyze import AnalyzeOptions, analyze_article

__all__ = ["AnalyzeOptions", "analyze_article"]
