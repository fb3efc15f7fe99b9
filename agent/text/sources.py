"""Source phrases: attribution constructions plain code reads better than a small model.

"nach Angaben der Gewerkschaft X", "heißt es in einer Mitteilung des Ministeriums",
"laut Polizei", "Medienberichten zufolge", "according to the union", "selon le
ministère": in these the source is fixed by grammar, and the sentence's subject is
*not* the speaker. A 1.5B model tends to name the nearest person instead, so the
pipeline reads the source here and lets it overrule a speaker the phrase contradicts
(see ``agent.pipeline.claims``).

``find_source_phrase`` returns the first such phrase outside quotation marks, with the
noun phrase that names the source as it stands in the text (German genitive included:
"russischen Außenministeriums"). It returns None rather than guess: a noun phrase
longer than a few words, or one that starts with a pronoun, is not taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.text.pronouns import PRONOUNS
from agent.text.quotes import find_quotes

_WORD = r"[\w][\w.'’-]*"
# Documents and utterances: the source is the genitive after them ("Mitteilung des Ministeriums").
_DE_DOCUMENTS = (
    r"Angaben|Ansicht|Auffassung|Meinung|Einschätzung|Darstellung|Informationen|Worten|Aussagen?|Schätzungen?"
    r"|Berechnungen|Mitteilung|Pressemitteilung|Erklärung|Stellungnahme|Positionspapier|Bericht|Berichten"
    r"|Schreiben|Brief|Kommuniqué|Interview|Gespräch|Studie|Umfrage|Papier|Statement|Kreisen|Sicht"
)
_DE_DETERMINERS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
        "von",
        "vom",
        "zur",
        "zum",
    ]
)
_DE_STOP = frozenset(["dies", "diese", "dieser", "dieses", "dessen", "deren", "sich", "nicht", "auch", "noch"])

_DE_MARKERS = [
    # „…“, sagte Rubio / …, fügte Peskow hinzu / …, so der Sprecher: after a quote or a comma the
    # speech verb comes before its subject (a verb earlier in the sentence may have an object there).
    r"(?<=[,“”«»])\s*(?:so|sagte|sagt|erklärte|erklärt|betonte|betont|meinte|fügte|ergänzte|unterstrich|schrieb)"
    r"\s+(?=(?-i:[A-ZÄÖÜ])|(?:der|die|das|des)\s)",
    # nach Angaben der Gewerkschaft …, nach Ansicht von Beobachtern …
    rf"\bnach\s+(?:(?:eigenen|ersten|offiziellen|neuen|übereinstimmenden)\s+)?(?:{_DE_DOCUMENTS})\s+(?=\S)",
    # laut Polizei …, laut einem Sprecher des …, laut Angaben des …
    r"\blaut\s+(?=\S)",
    # heißt es (dazu) in einer Mitteilung des … / hieß es aus dem …
    r"\b(?:hei(?:ß|ss)t|hie(?:ß|ss))\s+es\s+(?:\w+\s+){0,3}?(?:in|aus)\s+(?=\S)",
    # In einer Erklärung des Präsidenten … heißt es
    rf"\b(?:in|aus)\s+(?:einer|einem|der|dem|den)\s+(?:\w+\s+)?(?:{_DE_DOCUMENTS})\s+(?=(?:des|der|von)\s+[^.]*?\bhei(?:ß|ss)t\s+es)",
]
_APPOSITION = re.compile(r",\s+((?:[A-ZÄÖÜ][\w'’-]+)(?:\s+[A-ZÄÖÜ][\w'’-]+){0,2})(?=[,.])")
_DE_ZUFOLGE = re.compile(r"\bzufolge\b")

_OTHER_MARKERS: dict[str, list[str]] = {
    "en": [r"\baccording\s+to\s+(?:the\s+)?(?=\S)"],
    "fr": [r"\b(?:selon|d['’]après)\s+(?:les?\s+|la\s+|l['’])?(?=\S)"],
    "es": [r"\bsegún\s+(?:el\s+|la\s+|los\s+|las\s+)?(?=\S)"],
    # "secondo"/"segundo" also mean "second": only at the start of a sentence or after a comma.
    "it": [r"(?:^|(?<=,\s))secondo\s+(?:il\s+|la\s+|lo\s+|l['’]|i\s+|gli\s+|le\s+)?(?=\S)"],
    "pt": [r"(?:^|(?<=,\s))segundo\s+(?:o\s+|a\s+|os\s+|as\s+)?(?=\S)"],
    "ru": [r"(?:\bпо\s+словам|\bпо\s+данным|\bкак\s+сообщ\w*)\s+(?=\S)"],
}
_MAX_WORDS = 6


@dataclass(frozen=True)
class SourcePhrase:
    """A construction that fixes who is speaking: ``phrase`` as written, ``source`` the noun phrase."""

    phrase: str
    source: str
    start: int
    end: int


def _is_capitalized(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _german_noun_phrase(words: list[str]) -> list[str]:
    """The noun phrase at the start of ``words``: determiners, adjectives, capitalised words, genitives."""
    taken: list[str] = []
    for i, word in enumerate(words):
        bare = word.rstrip(',.;:!?)“”"')
        low = bare.casefold()
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if not bare or low in PRONOUNS or low in _DE_STOP:
            break
        if low in _DE_DETERMINERS:
            opening = all(w.casefold() in _DE_DETERMINERS or w.islower() for w in taken)
            genitive = low in ("der", "des") and taken and _is_capitalized(taken[-1])
            if not (opening or genitive):
                break
        elif bare.islower():
            if not (len(bare) >= 4 and re.search(r"(?:e|en|er|es|em)$", bare) and _is_capitalized(nxt)):
                break
        elif not _is_capitalized(bare):
            break
        taken.append(bare)
        if bare != word:  # punctuation closes the phrase
            break
    while taken and (taken[-1].casefold() in _DE_DETERMINERS or taken[-1].islower()):
        taken.pop()
    return taken


def _strip_document(words: list[str]) -> list[str]:
    """ "einem Bericht der Zeitung X" names the Zeitung X; "Sprecher des Ministeriums" stays whole."""
    while words and words[0].casefold() in _DE_DETERMINERS:
        words = words[1:]
    if words and re.fullmatch(_DE_DOCUMENTS, words[0]):
        if len(words) > 2 and words[1].casefold() in _DE_DETERMINERS:
            return _strip_document(words[2:])
        if len(words) == 1:
            return []  # "dem Bericht zufolge" names no source
    return words


def _clean(words: list[str]) -> str | None:
    words = [w.strip(",.;:!?()\"'„“”«»") for w in words]
    words = [w for w in words if w]
    if not words or len(words) > _MAX_WORDS or words[0].casefold() in PRONOUNS | _DE_STOP:
        return None
    return " ".join(words)


def _german(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for marker in _DE_MARKERS:
        for m in re.finditer(marker, text, re.IGNORECASE):
            words = _strip_document(_german_noun_phrase(text[m.end() :].split()[: _MAX_WORDS + 4]))
            source = _clean(words)
            if not source:
                continue
            start, end = (
                m.start() + len(m.group()) - len(m.group().lstrip()),
                text.find(words[-1], m.end()) + len(words[-1]),
            )
            named = _APPOSITION.match(text, end)
            if named:  # "der Sprecher des Ministeriums, Hans Berg," is Hans Berg
                source, end = named.group(1), named.end(1)
            found.append((start, end, source))
    for m in _DE_ZUFOLGE.finditer(text):
        before = re.split(r"[,;:.!?„“”«»()]", text[: m.start()])[-1].split()
        start = len(before)
        while start > 0 and start > len(before) - _MAX_WORDS - 2:
            word = before[start - 1]
            if not (
                _is_capitalized(word) or word.casefold() in _DE_DETERMINERS or word.islower() and word.endswith("en")
            ):
                break
            start -= 1
        source = _clean(_strip_document(before[start:]))
        if source:
            found.append(
                (text.rfind(before[start], 0, m.start()) if start < len(before) else m.start(), m.end(), source)
            )
    return found


def _other(text: str, language: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for marker in _OTHER_MARKERS.get(language, []):
        for m in re.finditer(marker, text, re.IGNORECASE):
            tail = re.split(r"[,;:.!?„“”«»()\n]|\s(?:that|who|which|que|qui|quien|che|что)\s", text[m.end() :])[0]
            source = _clean(tail.split())
            if source:
                found.append((m.start(), m.end() + len(tail.rstrip()), source))
    return found


def find_source_phrase(text: str, language: str) -> SourcePhrase | None:
    """The first source phrase of ``text`` outside quotation marks, or None."""
    quoted = [(q.outer_start, q.outer_end) for q in find_quotes(text)]
    hits = _german(text) if language == "de" else _other(text, language)
    for start, end, source in sorted(hits):
        if any(a <= start < b for a, b in quoted):
            continue
        return SourcePhrase(phrase=text[start:end], source=source, start=start, end=end)
    return None
