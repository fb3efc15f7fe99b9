"""Headline stance: code decides relatedness, the model the stance of related bodies."""

from __future__ import annotations

import json

import pytest
from fakes import fake_handle

from agent.pipeline.headline import headline_stance, relatedness
from agent.pipeline.session import ArticleSession, PromptSet

BODY = (
    "The harbour authority of Kiel confirmed on Monday that the old ferry terminal will close in May. "
    "Workers at the terminal said they had expected the decision for months."
)


@pytest.mark.parametrize(
    ("claim", "low", "high"),
    [
        ("Kiel ferry terminal to close in May", 0.99, 1.0),
        ("Harbour workers strike in Kiel", 0.74, 0.76),
        ("Celebrity chef opens restaurant on the moon", 0.0, 0.01),
        ("", 0.0, 0.0),
    ],
)
def test_relatedness(claim: str, low: float, high: float) -> None:
    assert low <= relatedness(claim, BODY) <= high


@pytest.mark.parametrize(
    ("claim", "expected", "calls"),
    [
        ("Kiel ferry terminal to close in May", "agree", 1),
        ("Celebrity chef opens restaurant on the moon", "unrelated", 0),
    ],
)
def test_unrelated_bodies_need_no_model_call(claim: str, expected: str, calls: int) -> None:
    handle = fake_handle(lambda messages: json.dumps({"label": "agree", "evidence": "confirmed on Monday"}))
    session = ArticleSession(handle, BODY, "en", "", "0" * 64, PromptSet())
    assert headline_stance(session, claim) == expected
    assert len(handle.chat.calls) == calls
