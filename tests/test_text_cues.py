"""has_reporting_cue: which sentences are worth an attribution call, per language."""

from __future__ import annotations

import pytest

from agent.text.cues import has_cue_list, has_reporting_cue


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("de", "Der Minister sagte, die Lage sei ernst.", True),
        ("de", "Laut Polizei gab es keine Verletzten.", True),
        ("de", "Nach Angaben der Feuerwehr brannte das Dach.", True),
        ("de", "Die Ministerin wies die Vorwürfe entschieden zurück.", True),
        ("de", "Die Polizei teilte am Abend mit, der Täter sei gefasst.", True),
        ("de", "Für weite Teile des Landes riefen die Behörden den Notstand aus.", True),
        ("de", "Die SPD-Führung stellte heute ein Manifest vor, das zehn Ziele nennt.", True),
        ("de", "Die Polizei stellte vor zwei Wochen einen Wagen sicher.", False),
        ("de", "Die Sonne scheint über Hamburg.", False),
        ("de", "Der Zug fährt um acht Uhr ab.", False),
        ("de", "Die Absage des Konzerts kam spät.", False),  # "sag" inside a word is no cue
        ("en", "The minister said the talks had failed.", True),
        ("en", "According to police, nobody was hurt.", True),
        ("en", "The union warned of strikes.", True),
        ("en", "The sun rose over the harbour.", False),
        ("en", "The train leaves at eight.", False),
        ("fr", "Le ministre a déclaré que la situation est grave.", True),
        ("fr", "Selon la police, personne n’a été blessé.", True),
        ("fr", "D'après le syndicat, la grève continue.", True),
        ("fr", "Le soleil brille sur Paris.", False),
        ("es", "El ministro dijo que no habrá acuerdo.", True),
        ("es", "El sol brilla sobre Madrid.", False),
        ("ru", "Министр заявил, что ситуация сложная.", True),
        ("ru", "Солнце светит над Москвой.", False),
    ],
)
def test_has_reporting_cue(language: str, sentence: str, expected: bool) -> None:
    assert has_reporting_cue(sentence, language) is expected


@pytest.mark.parametrize("sentence", ["The sun rose.", "Die Sonne scheint.", "Anything at all"])
def test_language_without_a_list_treats_every_sentence_as_a_candidate(sentence: str) -> None:
    assert not has_cue_list("xx")
    assert has_reporting_cue(sentence, "xx") is True


@pytest.mark.parametrize(("language", "listed"), [("de", True), ("en", True), ("fr", True), ("ja", False)])
def test_has_cue_list(language: str, listed: bool) -> None:
    assert has_cue_list(language) is listed


def test_german_comma_so_attribution_is_a_cue() -> None:
    assert has_reporting_cue("Die Preise sind deutlich gestiegen, so das Statistikamt.", "de") is True
