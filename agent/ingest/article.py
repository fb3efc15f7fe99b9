"""The article as the pipeline receives it: plain text plus what is known about it."""

from __future__ import annotations

import hashlib
import unicodedata

from pydantic import BaseModel, Field


class Article(BaseModel):
    """One news article's text and metadata, before analysis."""

    text: str = Field(description="The article's main text (untrusted input).")
    title: str | None = None
    url: str | None = None
    origin: str = Field("-", description="Where it was read from: a path, '-' for stdin, or a URL.")
    published: str | None = Field(None, description="Publication date as given (ISO 8601 or YYYY-MM).")
    outlet: str | None = None
    language_hint: str | None = Field(None, description="ISO 639-1 code from metadata, if any.")

    @property
    def content_hash(self) -> str:
        """sha256 of the NFC-normalised text with whitespace folded: stable across re-reads."""
        folded = " ".join(unicodedata.normalize("NFC", self.text).split())
        return hashlib.sha256(folded.encode("utf-8")).hexdigest()
