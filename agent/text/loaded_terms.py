"""A small lexicon of loaded terms in news language, found by code with offsets.

The model also proposes evaluative words; both are kept only where they occur
verbatim in the article. The lexicon makes sure the classic cases ("Machthaber"
for an elected president, "Kiev regime", "junta") are never missed by a small
model. Each entry is a regex over word starts and a short note saying why the
term is loaded.
"""

from __future__ import annotations

import re

from agent.schema import LoadedTerm
from agent.text.spans import span_at

_DELEGITIMISING = "denies the legitimacy of a government or elected leader"
_DEHUMANISING = "labels people as enemies or criminals wholesale"

LEXICON: dict[str, list[tuple[str, str]]] = {
    "de": [
        (r"Machthaber\w*", "'ruler/strongman': " + _DELEGITIMISING),
        (r"(?:Kiewer |Kyjiwer )?Regime\w*", "'regime': " + _DELEGITIMISING),
        (r"Junta\w*", _DELEGITIMISING),
        (r"Marionette\w*|Marionettenregierung\w*", "'puppet': " + _DELEGITIMISING),
        (r"Diktator\w*|Despot\w*|Autokrat\w*", "labels a leader as a dictator"),
        (r"Neonazi\w*|Nazi\w*|Faschist\w*", _DEHUMANISING),
        (r"Terrorist\w*", _DEHUMANISING),
        (r"Kriegstreiber\w*|Hetze\w*|Hetzer\w*|Lügenpresse|Propaganda\w*", "polemical label"),
        (r"Besatzer\w*|Invasoren|Aggressor\w*", "casts one side as an invader"),
        (r"sogenannte\w*|so genannte\w*", "'so-called': distances the writer from the term"),
        (r"Scheinreferend\w*|Schein\w*wahl\w*", "'sham': denies legitimacy of a vote"),
    ],
    "en": [
        (r"(?:Kiev |Kyiv )?regime\w*", "'regime': " + _DELEGITIMISING),
        (r"junta\w*", _DELEGITIMISING),
        (r"puppet\w*", "'puppet': " + _DELEGITIMISING),
        (r"dictator\w*|despot\w*|strongman", "labels a leader as a dictator"),
        (r"neo-?Nazi\w*|Nazis?|fascist\w*", _DEHUMANISING),
        (r"terrorists?", _DEHUMANISING),
        (r"thugs?|warmonger\w*|propaganda", "polemical label"),
        (r"so-called", "'so-called': distances the writer from the term"),
        (r"sham", "'sham': denies legitimacy"),
        (r"illegitimate|invaders?|occupiers?", "casts one side as illegitimate"),
    ],
    "fr": [
        (r"régime\w*", "'régime': " + _DELEGITIMISING),
        (r"junte\w*", _DELEGITIMISING),
        (r"marionnette\w*", "'puppet': " + _DELEGITIMISING),
        (r"dictateur\w*|despote\w*", "labels a leader as a dictator"),
        (r"néo-?nazi\w*|nazi\w*|fasciste\w*|terroriste\w*", _DEHUMANISING),
        (r"soi-disant|prétendu\w*", "'so-called': distances the writer from the term"),
        (r"propagande|va-t-en-guerre|envahisseur\w*|occupant\w*", "polemical label"),
    ],
    "es": [
        (r"régimen|regímenes", "'régimen': " + _DELEGITIMISING),
        (r"junta", _DELEGITIMISING),
        (r"títere\w*", "'puppet': " + _DELEGITIMISING),
        (r"dictador\w*|déspota\w*", "labels a leader as a dictator"),
        (r"neonazi\w*|nazi\w*|fascista\w*|terrorista\w*", _DEHUMANISING),
        (r"supuest\w*|llamad[oa]s?", "'so-called': distances the writer from the term"),
        (r"propaganda|belicista\w*|invasor\w*|ocupante\w*", "polemical label"),
    ],
    "it": [
        (r"regime", "'regime': " + _DELEGITIMISING),
        (r"fantocci\w*|burattin\w*", "'puppet': " + _DELEGITIMISING),
        (r"dittator\w*|despota", "labels a leader as a dictator"),
        (r"neonazist\w*|nazist\w*|fascist\w*|terrorist\w*", _DEHUMANISING),
        (r"cosiddett\w*|propaganda|guerrafondai\w*", "polemical label"),
    ],
    "pt": [
        (r"regime", "'regime': " + _DELEGITIMISING),
        (r"fantoche\w*", "'puppet': " + _DELEGITIMISING),
        (r"ditador\w*", "labels a leader as a dictator"),
        (r"neonazista\w*|nazista\w*|fascista\w*|terrorista\w*", _DEHUMANISING),
        (r"suposto\w*|propaganda", "polemical label"),
    ],
    "ru": [
        (r"(?:киевск\w* )?режим\w*", "'regime': " + _DELEGITIMISING),
        (r"хунт\w*", _DELEGITIMISING),
        (r"марионеточн\w*|марионетк\w*", "'puppet': " + _DELEGITIMISING),
        (r"диктатор\w*", "labels a leader as a dictator"),
        (r"неонацист\w*|нацист\w*|фашист\w*|террорист\w*|боевик\w*", _DEHUMANISING),
        (r"так называем\w*|пропаганд\w*|русофоб\w*", "polemical label"),
    ],
}


def find_loaded_terms(text: str, language: str) -> list[LoadedTerm]:
    """Loaded terms of ``language``'s lexicon in ``text``: first occurrence of each, in text order."""
    found: dict[str, LoadedTerm] = {}
    for pattern, note in LEXICON.get(language, []):
        for m in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", text, re.IGNORECASE):
            key = m.group().casefold()
            if key not in found:
                found[key] = LoadedTerm(term=m.group(), span=span_at(text, m.start(), m.end()), note=note)
    return sorted(found.values(), key=lambda t: t.span.start)


_NAME_AFTER = re.compile(r"^(?:\s+[\w-]+){0,1}?\s+((?:[A-ZÄÖÜÀ-ÝА-ЯЁ][\w-]+)(?:\s+[A-ZÄÖÜÀ-ÝА-ЯЁ][\w-]+)?)")


def labelled_names(text: str, terms: list[LoadedTerm]) -> list[tuple[LoadedTerm, str, int]]:
    """Names a loaded label is applied to ("Machthaber Selenskij"): (term, name, end offset of the phrase).

    Only labels from the lexicon with a note count, and only when a capitalised name follows the
    term directly (one word may stand between). Offsets are those of ``text``.
    """
    found = []
    for term in terms:
        if not term.note:
            continue
        m = _NAME_AFTER.match(text[term.span.end : term.span.end + 60])
        if m:
            found.append((term, m.group(1), term.span.end + m.end()))
    return found
