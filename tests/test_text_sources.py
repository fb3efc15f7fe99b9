"""find_source_phrase: attribution constructions whose source code reads from the grammar."""

from __future__ import annotations

import pytest

from agent.text.sources import find_source_phrase


@pytest.mark.parametrize(
    ("language", "sentence", "source"),
    [
        (
            "de",
            "Die Firma plant nach Angaben der Gewerkschaft Nahrung-Genuss-Gaststätten den Abbau.",
            "Gewerkschaft Nahrung-Genuss-Gaststätten",
        ),
        ("de", "Für den Chef, Rolf Kuhn, stellt sich nach Ansicht von Beobachtern die Frage.", "Beobachtern"),
        (
            "de",
            "Man führte „einen Austausch“, heißt es dazu in einer Mitteilung des russischen Außenministeriums.",
            "russischen Außenministeriums",
        ),
        ("de", "„Die Lage ist ernst“, hieß es dazu aus dem Bundesinnenministerium.", "Bundesinnenministerium"),
        (
            "de",
            "In einer Erklärung des Präsidenten Paul Brandt vom Freitag heißt es, die Lage sei ernst.",
            "Präsidenten Paul Brandt",
        ),
        ("de", "Nach Angaben der New York Times belaufen sich die Kosten auf zehn Milliarden.", "New York Times"),
        ("de", "Laut einem Bericht der Süddeutschen Zeitung will die Regierung sparen.", "Süddeutschen Zeitung"),
        ("de", "Laut Polizeisprecher Hans Müller wurden drei Menschen verletzt.", "Polizeisprecher Hans Müller"),
        ("de", "Angaben der Polizei zufolge wurden drei Menschen verletzt.", "Polizei"),
        ("de", "Medienberichten zufolge ist der Minister zurückgetreten.", "Medienberichten"),
        ("de", "Die Gespräche würden fortgesetzt, fügte Peskow hinzu.", "Peskow"),
        (
            "de",
            "„Wir lassen uns nicht hinhalten“, sagte Gewerkschaftschef Klaus Weber am Morgen.",
            "Gewerkschaftschef Klaus Weber",
        ),
        ("de", "„Das ist falsch“, so der Sprecher des Ministeriums.", "Sprecher des Ministeriums"),
        ("de", "„Wir prüfen das“, sagte der Sprecher des Ministeriums, Hans Berg, am Montag.", "Hans Berg"),
        ("en", "Three people died, according to police in Genoa.", "police in Genoa"),
        ("en", "According to the union, the strike will go on.", "union"),
        ("fr", "Selon le ministère de l'Intérieur, la grève continue.", "ministère de l'Intérieur"),
        ("es", "Según la policía, tres personas murieron.", "policía"),
        ("it", "Lo sciopero continua, secondo il sindacato.", "sindacato"),
        ("ru", "По словам Пескова, переговоры продолжаются.", "Пескова"),
    ],
)
def test_source_of_the_phrase(language: str, sentence: str, source: str) -> None:
    found = find_source_phrase(sentence, language)
    assert found is not None and found.source == source
    assert sentence[found.start : found.end] == found.phrase and source in found.phrase


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Der Aufsichtsratschef dachte bereits laut über mögliche Nachfolger nach."),  # "laut" = aloud
        ("de", "Dem Bericht zufolge ist der Minister zurückgetreten."),  # a document, no source named
        ("de", "Ihm zufolge ist alles gut."),  # a pronoun is no source
        ("de", "Nach eigenen Angaben hat die Firma 300 Mitarbeiter."),  # the subject speaks for itself
        ("de", "Peskow sagte: „Laut Plan beginnen die Gespräche am Montag.“"),  # inside a quote
        ("de", "Der Zug fährt nach Angaben."),
        ("de", "Die Ministerin betonte die Bedeutung der Reform."),  # verb second: an object follows
        ("de", "Merkel sagte Putin die Unterstützung zu."),
        ("de", "„Nein“, sagte er."),
        ("en", "According to him, nothing changed."),
        ("en", "According to a long list of sources close to the talks in the capital, it failed."),  # too long
        ("it", "Il secondo giorno è stato calmo."),  # "secondo" = second
        ("xx", "According to the union, the strike will go on."),  # no patterns for the language
    ],
)
def test_no_source_phrase(language: str, sentence: str) -> None:
    assert find_source_phrase(sentence, language) is None
