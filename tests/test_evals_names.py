"""Speaker-name normalisation, matching and precision/recall (agent.evals.names)."""

from __future__ import annotations

import pytest

from agent.evals.names import light_stem, names_match, normalize_name, phonetic_key, speaker_prf


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. Angela Merkel", "angela merkel"),
        ("US-Außenminister Marco Rubio", "marco rubio"),
        ("Kreml-Sprecher Dmitri Peskow", "dmitri peskow"),
        ("Sebastian Edathy (SPD)", "sebastian edathy"),
        ("Die SPD", "spd"),
        ("das russische Außenministerium", "russische aussenministerium"),
        ("Präsident Emmanuel Macron", "emmanuel macron"),
        ("Mr. Donald Trump", "donald trump"),
        ("Annegret Kramp-Karrenbauer", "annegret kramp karrenbauer"),
        ("der Sprecher", "sprecher"),
        ("Los Angeles Times", "angeles times"),
        ("  José  Núñez ", "jose nunez"),
        ("", ""),
    ],
)
def test_normalize_name(name: str, expected: str) -> None:
    assert normalize_name(name) == expected


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ("Rubio", "Marco Rubio", True),
        ("US-Außenminister Marco Rubio", "Rubio", True),
        ("Lawrow", "Lavrov", True),
        ("Sergej Lawrow", "Sergey Lavrov", True),
        ("Selenskij", "Zelensky", True),
        ("Selenskyj", "Zelenskyy", True),
        ("Wolodymyr Selenskyj", "Volodymyr Zelensky", True),
        ("Peskow", "Peskov", True),
        ("Kreml-Sprecher Dmitri Peskow", "Dmitry Peskov", True),
        ("Gorbatschow", "Gorbachev", True),
        ("Chodorkowski", "Khodorkovsky", True),
        ("Die SPD", "SPD", True),
        ("russisches Außenministerium", "das russische Außenministerium", True),
        ("Dr. Angela Merkel", "Angela Merkel", True),
        ("Angela Merkels", "Merkel", True),
        ("Bundeskanzler Olaf Scholz", "Scholz", True),
        ("Sebastian Edathy (SPD)", "Edathy", True),
        ("Präsident Emmanuel Macron", "Emmanuel Macron", True),
        ("Mr. Trump", "Donald Trump", True),
        ("Frau Baerbock", "Annalena Baerbock", True),
        ("la Commission européenne", "Commission europeenne", True),
        ("Kramp-Karrenbauer", "Annegret Kramp-Karrenbauer", True),
        ("die Behörden", "den Behörden", True),
        ("der Sprecher", "Sprecher", True),
        ("Barack Obama", "In einer Erklärung des Präsidenten Barack Obama", True),
        ("Rubio", "Lawrow", False),
        ("Trump", "Donald Tusk", False),
        ("SPD", "CDU", False),
        ("Marco Rubio", "Marco Polo", False),
        ("Olaf Scholz", "Olaf Schubert", False),
        ("Joe Biden", "Hunter Biden", False),
        ("Putin", "Peskow", False),
        ("das russische Außenministerium", "das ukrainische Außenministerium", False),
        ("", "Rubio", False),
        ("Die", "Die SPD", False),
    ],
)
def test_names_match(pred: str, gold: str, expected: bool) -> None:
    assert names_match(pred, gold) is expected
    assert names_match(gold, pred) is expected


@pytest.mark.parametrize(
    ("token", "expected"),
    [("russisches", "russisch"), ("russischen", "russisch"), ("bidens", "bid"), ("biden", "bid"), ("tag", "tag")],
)
def test_light_stem(token: str, expected: str) -> None:
    assert light_stem(token) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [("lawrow", "lavrov"), ("selenskij", "zelenskyy"), ("gorbatschow", "gorbachev"), ("peskow", "peskoff")],
)
def test_phonetic_key_equal(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ([], [], (1.0, 1.0, 1.0)),
        (["Rubio"], [], (0.0, 1.0, 0.0)),
        ([], ["Rubio"], (1.0, 0.0, 0.0)),
        (["Rubio", "Marco Rubio", "US-Außenminister Rubio"], ["Marco Rubio"], (1.0, 1.0, 1.0)),
        (["Rubio", "Lawrow", "Merz"], ["Marco Rubio", "Sergej Lawrow"], (2 / 3, 1.0, 0.8)),
        (["Die SPD", "SPD", "die SPD"], ["SPD", "CDU"], (1.0, 0.5, 2 / 3)),
        (["Obama"], ["Barack Obama", "Michelle Obama"], (1.0, 0.5, 2 / 3)),
        (["Obama", "Barack Obama"], ["Barack Obama", "Obama"], (1.0, 1.0, 1.0)),
        (["Putin"], ["Lawrow"], (0.0, 0.0, 0.0)),
    ],
)
def test_speaker_prf(pred: list[str], gold: list[str], expected: tuple[float, float, float]) -> None:
    scores = speaker_prf(pred, gold)
    assert (scores["precision"], scores["recall"], scores["f1"]) == pytest.approx(expected)
