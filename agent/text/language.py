"""Language identification with lingua, built once for a short list of languages.

lingua ships its models in the wheel (no download). Building the detector for
every language takes ~15 s, so it is built lazily for the languages news in
this tool's audience comes in, which also makes it more accurate among them.
"""

from __future__ import annotations

from functools import lru_cache

SUPPORTED = ("en", "de", "fr", "es", "it", "pt", "ru", "uk", "pl", "nl", "tr", "ar", "zh", "ja")

LANGUAGE_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "ru": "Russian",
    "uk": "Ukrainian",
    "pl": "Polish",
    "nl": "Dutch",
    "tr": "Turkish",
    "ar": "Arabic",
    "zh": "Chinese",
    "ja": "Japanese",
}


@lru_cache(maxsize=1)
def _detector():  # noqa: ANN202 - lingua's type is private
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in SUPPORTED]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()


def detect_language(text: str) -> tuple[str, float]:
    """Return the ISO 639-1 code of ``text``'s language and the detector's confidence (0..1).

    Returns ``("und", 0.0)`` when the text carries no recognisable language.
    """
    sample = text[:4000]
    values = _detector().compute_language_confidence_values(sample)
    if not values or values[0].value <= 0:
        return "und", 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)


def language_name(code: str) -> str:
    """English name of a language code ("de" → "German"); the code itself when unknown."""
    return LANGUAGE_NAMES.get(code, code)
