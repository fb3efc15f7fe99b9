"""Integration tests on the real embedded model (slow: minutes). Deselect with -m 'not model'.

They run the CLI end to end in a subprocess, as a user would, with a fresh cache
directory so nothing is answered from earlier runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from agent.evals.names import names_match
from agent.text.language import detect_language

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_d4ca25cd25f33b7d.txt"


@pytest.fixture(scope="module")
def cache_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    env = dict(os.environ, AGENT_CACHE_DIR=str(tmp_path_factory.mktemp("agent-cache")))
    env.pop("OPENAI_API_KEY", None)
    env.pop("OPENAI_BASE_URL", None)
    return env


def _agent(args: list[str], env: dict[str, str], timeout: int = 1800) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agent", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def seed_analysis(cache_env: dict[str, str]) -> dict:
    done = _agent(["analyze", str(SEED), "--format", "json"], cache_env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def test_seed_summaries_are_in_the_right_languages(seed_analysis: dict) -> None:
    assert detect_language(seed_analysis["summary"])[0] == "de"
    assert detect_language(seed_analysis["summary_en"])[0] == "en"


@pytest.mark.parametrize(
    "speaker", [["Rubio"], ["Lawrow", "Außenministerium", "Außenministeriums"], ["Trump"], ["Peskow"]]
)
def test_seed_claims_name_the_main_speakers(seed_analysis: dict, speaker: list[str]) -> None:
    speakers = [c["speaker"] for c in seed_analysis["claims"] if c["speaker"]]
    assert any(names_match(s, g) or g.casefold() in s.casefold() for s in speakers for g in speaker), speakers


def test_seed_quotes_are_verbatim(seed_analysis: dict) -> None:
    text = seed_analysis["source"] and SEED.read_text(encoding="utf-8")
    quotes = [c["quote"] for c in seed_analysis["claims"] if c["quote"]]
    assert quotes
    body = text[text.index("US-Außenminister") :]
    for q in quotes:
        assert q["text"] in body


def test_seed_stance_notes_loaded_term_and_sourcing(seed_analysis: dict) -> None:
    stance = seed_analysis["stance"]
    assert "Machthaber" in [t["term"] for t in stance["loaded_terms"]]
    assert "Russia" in stance["sourcing_note"] or "russ" in stance["sourcing_note"].casefold()
    assert seed_analysis["provenance"]["cached_tokens"] > 0


def test_eval_ci_subset_runs_and_scores(cache_env: dict[str, str], tmp_path: Path) -> None:
    done = _agent(["eval", "--tag", "ci", "--out-dir", str(tmp_path)], cache_env)
    assert done.returncode == 0, done.stderr
    report = json.loads(next(tmp_path.glob("*.json")).read_text())
    metrics = report["metrics"]
    assert metrics["all/quote_verbatim"] == 1.0
    assert metrics["all/injection_ok"] == 1.0
    assert metrics["all/speaker_f1"] >= 0.5
    assert next(tmp_path.glob("*.html")).stat().st_size > 1000
