"""What the model is asked to return at each step, with validators that check meaning.

These models are the JSON Schemas sent to the model (kept flat and small for a
1.5B model) and they validate its answers against the article, which arrives
as the validation context ``{"source": text, "language": code}``. A validator
that raises makes the model see its error once (see ``agent.llm.structured``).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator

from agent.schema import StanceLabel
from agent.text.language import detect_language, language_name
from agent.text.pronouns import PRONOUNS
from agent.text.quotes import unquoted
from agent.text.sentences import split_sentences
from agent.text.spans import contains_words


def _source(info: ValidationInfo) -> str:
    return (info.context or {}).get("source", "")


def _check_language(text: str, expected: str, what: str) -> None:
    if len(text.split()) < 6 or expected == "und":
        return
    found, confidence = detect_language(text)
    if found != expected and confidence > 0.5:
        raise ValueError(f"{what} is in {language_name(found)}, it must be in {language_name(expected)}")


def _numbers_not_in_source(text: str, source: str) -> list[str]:
    digits_in_source = {re.sub(r"\D", "", n) for n in re.findall(r"\d[\d.,]*", source)}
    return [n for n in re.findall(r"\d[\d.,]*\d|\d", text) if re.sub(r"\D", "", n) not in digits_in_source]


MAX_SUMMARY_SENTENCES = 3
MAX_SUMMARY_WORDS = 80


def trim_summary(text: str) -> str:
    """Whole sentences only: at most 3 and about 80 words; a sentence cut off by the length limit goes."""
    sentences = split_sentences(" ".join(text.split()))
    if len(sentences) > 1 and not re.search(r"[.!?…\"“”»«)]$", sentences[-1].text):
        sentences = sentences[:-1]
    kept: list[str] = []
    for sentence in sentences[:MAX_SUMMARY_SENTENCES]:
        if kept and len(" ".join(kept + [sentence.text]).split()) > MAX_SUMMARY_WORDS:
            break
        kept.append(sentence.text)
    return " ".join(kept)


class SummaryReply(BaseModel):
    """A summary in the article's language, with only numbers the article has."""

    summary: str = Field(max_length=700)

    @field_validator("summary")
    @classmethod
    def _grounded(cls, value: str, info: ValidationInfo) -> str:
        value = value.strip()
        if not value:
            raise ValueError("the summary is empty")
        value = trim_summary(value)
        _check_language(value, (info.context or {}).get("language", "und"), "the summary")
        invented = _numbers_not_in_source(value, _source(info))
        if invented:
            raise ValueError(f"the numbers {', '.join(invented)} do not occur in the article")
        return value


class TranslationReply(BaseModel):
    """The English rendering of the summary."""

    summary_en: str = Field(max_length=800)

    @field_validator("summary_en")
    @classmethod
    def _english(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("the translation is empty")
        _check_language(value, "en", "summary_en")
        return value


def _near(source: str, name: str, role: str, window: int = 80) -> bool:
    """True when ``role`` stands within ``window`` characters of a mention of ``name``'s last word."""
    last = name.split()[-1].casefold() if name.split() else ""
    low, role_low = source.casefold(), role.casefold()
    return any(
        role_low in low[max(0, m.start() - window) : m.end() + window] for m in re.finditer(re.escape(last), low)
    )


def named_in(text: str, name: str) -> bool:
    """True when a significant word of ``name`` occurs in ``text`` ("Rubio" names "Marco Rubio")."""
    words = [w for w in name.split() if len(w) >= 4 and not w.islower()] or name.split()
    return any(contains_words(text, w) for w in words)


# An English sentence does not end on these words: a claim_en that does was cut off.
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "that",
        "was",
        "were",
        "is",
        "are",
        "be",
        "said",
        "says",
    ]
)


# Capitalised subject pronouns that open a sentence: the speaker is who they refer to, not a name that
# follows ("Sie warf der Bundesregierung vor, …" is not the government speaking).
_SUBJECT_PRONOUNS = frozenset(["Er", "Sie", "He", "She", "They", "Il", "Elle", "Ils", "Elles", "Он", "Она", "Они"])


class AttributionReply(BaseModel):
    """Who says what in one passage; the speaker must be named in the passage or just before it."""

    form: Literal["direct", "indirect", "reported", "none"]
    source_phrase: str = Field(max_length=200)
    speaker: str = Field(max_length=120)
    speaker_role: str = Field(max_length=120)
    claim_en: str = Field(max_length=400)

    @model_validator(mode="after")
    def _speaker_in_article(self, info: ValidationInfo) -> AttributionReply:
        self.speaker = self.speaker.strip().strip("\"'„“”«»")
        if self.form == "none":
            self.speaker = self.speaker_role = ""
            return self
        if not self.speaker:
            raise ValueError("speaker is empty although form is not 'none': name the speaker or use form 'none'")
        self.claim_en = self.claim_en.strip()
        _check_language(self.claim_en, "en", "claim_en")
        if not self.claim_en:
            raise ValueError("claim_en is empty: write the claim as one complete English sentence")
        if self.claim_en.rstrip(".!?\"'”’) ").rsplit(" ", 1)[-1].casefold() in _DANGLING:
            # Cut off where a quote begins ("Trump said Selenskij was"): marked, not re-asked, since the
            # model repeats it and the verbatim quote is shown with the claim anyway.
            self.claim_en = self.claim_en.rstrip(" .") + " …"
        if self.speaker.casefold() in PRONOUNS:
            raise ValueError(f"speaker '{self.speaker}' is a pronoun: give the name the pronoun refers to")
        ctx = info.context or {}
        passage, previous = unquoted(ctx.get("passage", "")), unquoted(ctx.get("previous", ""))
        if (passage + previous).strip() and not named_in(passage + "\n" + previous, self.speaker):
            raise ValueError(
                f"speaker '{self.speaker}' is not named in the passage or the previous passage outside the "
                "quoted words (people rarely name themselves in their own quote): take the speaker from the "
                "words that introduce the statement"
            )
        opening = passage.split()[0].strip(",") if passage.split() else ""
        if opening in _SUBJECT_PRONOUNS and not (previous.strip() and named_in(previous, self.speaker)):
            raise ValueError(
                f"the passage begins with the pronoun '{opening}': the speaker is the one it refers to, "
                "named in the previous passage"
            )
        source = _source(info)
        if self.speaker_role and not (source and _near(source, self.speaker, self.speaker_role)):
            self.speaker_role = ""  # a role not stated next to the name is dropped, not worth a re-ask
        return self


class SourceSide(BaseModel):
    """The side a quoted source speaks for."""

    speaker: str = Field(max_length=120)
    side: str = Field(max_length=60)
    official: bool


class FramingReply(BaseModel):
    """Main targets, loaded terms and the sides of the quoted sources."""

    targets: list[Annotated[str, Field(max_length=80)]] = Field(max_length=3)
    loaded_terms: list[Annotated[str, Field(max_length=60)]] = Field(max_length=6)
    sources: list[SourceSide] = Field(max_length=8)

    @field_validator("targets")
    @classmethod
    def _targets_in_article(cls, value: list[str], info: ValidationInfo) -> list[str]:
        source = _source(info)
        kept = [t.strip() for t in value if t.strip() and (not source or contains_words(source, t))]
        if value and not kept:
            raise ValueError("none of the targets occurs in the article: name targets as the article writes them")
        return list(dict.fromkeys(kept))[:3]


class StanceReply(BaseModel):
    """The article's own stance toward one target."""

    label: StanceLabel
    rationale: str = Field(max_length=250)
    evidence: list[Annotated[str, Field(max_length=160)]] = Field(max_length=2)


class ActorStanceReply(BaseModel):
    """A quoted actor's stance toward one target, pointing at one of the actor's statements."""

    label: StanceLabel
    rationale: str = Field(max_length=250)
    statement: int = Field(ge=1, le=9)

    @field_validator("statement")
    @classmethod
    def _listed(cls, value: int, info: ValidationInfo) -> int:
        count = (info.context or {}).get("statements", 9)
        if value > count:
            raise ValueError(f"statement {value} does not exist: choose a number from 1 to {count}")
        return value
