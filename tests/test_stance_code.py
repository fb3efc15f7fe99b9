"""The code side of stance: loaded-term filtering, labels found by code, sourcing notes, merging parts."""

from __future__ import annotations

import pytest

from agent.pipeline.replies import SourceSide
from agent.pipeline.stance import loaded_terms, merge_entries, sourcing_note
from agent.schema import SourceUse, Span, StanceEntry
from agent.text.loaded_terms import find_loaded_terms, labelled_names

EN = (
    "Ukraine said the talks failed. Ukraine blamed Moscow. Ukraine will return. The reckless plan of "
    "the ministry was criticised. “This is a disgraceful proposal by the government,” said Anna Berger."
)


@pytest.mark.parametrize(
    ("proposed", "kept"),
    [
        (["reckless"], ["reckless"]),  # a loaded word in the article's own voice
        (["Ukraine"], []),  # a name the article repeats
        (["Moscow"], []),  # a proper noun
        (["Anna Berger"], []),  # a speaker
        (["disgraceful"], []),  # inside a quote: the speaker's word, not the article's
        (["invented word"], []),  # not in the article
    ],
)
def test_loaded_terms_keep_only_narrated_non_names(proposed: list[str], kept: list[str]) -> None:
    terms = loaded_terms(EN, "en", proposed, names=["Anna Berger"])
    assert [t.term for t in terms] == kept
    for t in terms:
        assert EN[t.span.start : t.span.end] == t.term


def test_labelled_name_after_a_lexicon_term() -> None:
    text = "Gestern traf Trump den ukrainischen Machthaber Selenskij in Rom."
    found = labelled_names(text, find_loaded_terms(text, "de"))
    assert [(t.term, name) for t, name, _ in found] == [("Machthaber", "Selenskij")]


def test_sourcing_note_groups_sources_by_side() -> None:
    uses = [SourceUse(speaker="Peskow", claims=3), SourceUse(speaker="Rubio", claims=1)]
    sides = [
        SourceSide(speaker="Peskow", side="Russia", official=True),
        SourceSide(speaker="Rubio", side="USA", official=True),
    ]
    note = sourcing_note(uses, sides)
    assert note.startswith("Sources quoted: Russia officials (Peskow: 3 of 4 statements)")
    assert "USA officials (Rubio: 1 of 4 statements)" in note
    assert sourcing_note([], []).startswith("The article quotes no sources")


def test_merge_entries_of_parts_marks_disagreement_mixed() -> None:
    span = Span(text="x", start=0, end=1)
    a = StanceEntry(holder="article", target="EU", label="critical", rationale="r", evidence=[span])
    b = a.model_copy(update={"label": "supportive"})
    c = StanceEntry(holder="Berger", target="EU", label="neutral", rationale="r")
    merged = merge_entries([[a], [b, c]])
    assert [(e.holder, e.label) for e in merged] == [("article", "mixed"), ("Berger", "neutral")]
    assert len(merged[0].evidence) == 2
