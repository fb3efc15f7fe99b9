"""Reporting cues: words that signal someone says, writes or thinks something.

A sentence is worth an attribution call when it carries a direct quote or one
of these cues. The lists are deliberately broad (speech, writing, thought and
reported speech acts such as "fordert", "warned", "dénonce"); the model then
decides who the speaker is and whether there is one at all. For a language
without a list, every sentence is a candidate.
"""

from __future__ import annotations

import re
from functools import cache

_CUES: dict[str, str] = {
    "de": r"""sag\w* | gesagt | erklär\w* | betont\w* | beton\w* | meint\w* | teilt\w*\s+mit | mitgeteilt
        | hie(?:ß|ss)\s+es | hei(?:ß|ss)t\s+es | laut | zufolge | nach\s+(?:angaben|ansicht|auffassung|meinung|worten|darstellung|informationen)
        | angaben | warn\w* | forder\w* | gefordert | kritisier\w* | wies\w*\s+.*zurück | weist\w*\s+.*zurück
        | bezeichne\w* | nannte\w* | nennt | sprach\w*\s+von | spricht\s+von | bericht\w* | räumt\w*\s+ein | kündigt\w*
        | angekündigt | bestätig\w* | dementier\w* | versicher\w* | wiederhol\w* | fügt\w*\s+.*hinzu | hinzugefügt
        | unterstrich\w* | unterstreich\w* | vermelde\w* | schätz\w* | warf\w* | wirft | vorgeworfen | glaubt | glaubte
        | überzeugt | mitteilung | erklärung | stellungnahme | pressemitteilung | interview | sprecher\w* | zitiert\w*
        | appellier\w* | verlangt\w* | droht\w* | drohte | lehnt\w*\s+.*ab | abgelehnt | begrüß\w* | verurteil\w*
        | behaupt\w* | argumentier\w* | vermut\w* | hofft\w* | befürchte\w* | fürchte\w* | beklag\w* | räumte
        | rief\w*\s+(?:\S+\s+){0,8}?aus(?=[.,;]) | ausgerufen | stellt\w*\s+(?:\S+\s+){0,8}?vor(?=[.,;]) | vorgestellt
        | plan\w* | will | wollen | wolle | werde | sei | seien | habe | hätten | wäre | würden | (?<=,\s)so""",
    "en": r"""said | says | say | saying | told | tells | stated | states | according\s+to | claim\w* | add\w*
        | warn\w* | argu\w* | insist\w* | not(?:ed|es) | den(?:y|ied|ies) | announc\w* | confirm\w* | call\w*
        | describ\w* | urg\w* | accus\w* | criticis\w* | criticiz\w* | demand\w* | reject\w* | believ\w*
        | statement | spokes\w* | interview | report\w* | estimat\w* | vow\w* | pledg\w* | promis\w* | admit\w*
        | acknowledg\w* | suggest\w* | predict\w* | welcom\w* | condemn\w* | threaten\w* | wrote | writes
        | explain\w* | stress\w* | emphasi[sz]\w* | repeat\w* | quot\w* | plan\w* | want\w* | hope\w* | fear\w*""",
    "fr": r"""a\s+déclaré | déclar\w* | a\s+dit | dit | disent | selon | d['’]après | affirm\w* | estim\w* | ajout\w*
        | soulign\w* | assur\w* | dénonc\w* | expliqu\w* | indiqu\w* | précis\w* | annonc\w* | confirm\w*
        | critiqu\w* | réclam\w* | exig\w* | rejet\w* | démenti\w* | averti\w* | prévenu | insist\w* | communiqué
        | porte-parole | interview | entretien | rappel\w* | qualifi\w* | juge | jugé | craint | espère | veut | veulent""",
    "es": r"""dijo | dice | dicen | decía | afirm\w* | declar\w* | según | asegur\w* | explic\w* | señal\w*
        | añad\w* | indic\w* | advirti\w* | advierte | denunci\w* | critic\w* | reclam\w* | exig\w* | rechaz\w*
        | neg\w* | anunci\w* | confirm\w* | insist\w* | subray\w* | destac\w* | comunicado | portavoz | entrevista
        | calific\w* | consider\w* | estim\w* | sostiene | sostuvo | quiere | quieren | teme | espera""",
    "it": r"""ha\s+detto | detto | dice | secondo | dichiar\w* | afferm\w* | sottoline\w* | spieg\w* | aggiunt\w*
        | aggiunge | annunci\w* | conferm\w* | critic\w* | denunci\w* | chied\w* | respint\w* | avvert\w*
        | comunicato | portavoce | intervista | sostien\w* | ritien\w* | vuole | teme""",
    "pt": r"""disse | diz | dizem | segundo | afirm\w* | declar\w* | explic\w* | acrescent\w* | anunci\w*
        | confirm\w* | critic\w* | denunci\w* | exig\w* | rejeit\w* | negou | comunicado | porta-voz | entrevista""",
    "ru": r"""заяв\w* | сказал\w* | говор\w* | по\s+словам | по\s+данным | сообщ\w* | отмет\w* | подчеркн\w*
        | счита\w* | уверен\w* | добав\w* | объясн\w* | предупред\w* | призв\w* | потребова\w* | требу\w*
        | отверг\w* | опроверг\w* | подтверд\w* | объяв\w* | раскритикова\w* | обвин\w* | назва\w* | называ\w*
        | пресс-секретар\w* | представител\w* | интервью | заявлени\w*""",
}


@cache
def _pattern(language: str) -> re.Pattern[str] | None:
    body = _CUES.get(language)
    if body is None:
        return None
    alternatives = "|".join(part.strip() for part in body.split("|") if part.strip())
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def has_cue_list(language: str) -> bool:
    """True when there is a cue list for ``language``."""
    return language in _CUES


def has_reporting_cue(sentence: str, language: str) -> bool:
    """True when ``sentence`` carries a reporting cue of ``language`` (always true without a list)."""
    pattern = _pattern(language)
    return True if pattern is None else bool(pattern.search(sentence))
