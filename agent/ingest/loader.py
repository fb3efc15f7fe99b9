"""Load one article from a file, stdin (``-``) or an http(s) URL into an ``Article``.

Bytes are size-checked and decoded (``decode``), HTML goes through main-text extraction
(``html_text``), and every text is normalised the same way: NFC, ``\\n`` newlines, no trailing
spaces, at most one blank line in a row, a leading ``date YYYY-MM[-DD]`` marker moved to
``published`` and a title line (Markdown ``# ``, front matter or a short first line) moved to
``title``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import BinaryIO, TextIO

import httpx

from agent.errors import InputError
from agent.ingest.article import Article
from agent.ingest.decode import decode_bytes
from agent.ingest.fetch import fetch_url
from agent.ingest.html_text import extract_page
from agent.ingest.raw import FEED_TYPES, HTML_TYPES, Raw, is_url, read_file, read_stdin, too_large

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown"})
_TEXT_TYPES = frozenset({"application/octet-stream", "application/x-markdown"})
_DATE_MARKER = re.compile(
    r"\A[ \t]*date[ \t]+(\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)(?![\d-])[ \t]*", re.IGNORECASE
)
_MD_HEADING = re.compile(r"\A#[ \t]+(.+?)[ \t#]*(?:\n|\Z)")
_SETEXT = re.compile(r"\A([^\n]{1,200})\n=+[ \t]*(?:\n|\Z)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0e-\x1f\x7f]")
_TITLE_MAX = 150


def load_article(
    source: str,
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = 2_000_000,
    timeout: float = 20.0,
    client: httpx.Client | None = None,
) -> Article:
    """Read ``source`` (a path, ``-`` for stdin, or an http(s) URL) into an ``Article``.

    Raises ``InputError`` (one line, naming the fix) for anything that is not a readable
    article: missing, folder, empty, binary, over ``max_bytes``, unreachable, no main text.
    """
    if source == "-":
        raw = read_stdin(stdin, max_bytes)
    elif is_url(source):
        raw = fetch_url(source, max_bytes=max_bytes, timeout=timeout, client=client)
    else:
        raw = read_file(source, max_bytes)
    return article_from_raw(raw, max_bytes=max_bytes)


def article_from_raw(raw: Raw, *, max_bytes: int = 2_000_000) -> Article:
    """Build an ``Article`` from undecoded content (HTML is extracted, text kept as is)."""
    _refuse_content_type(raw)
    text = decode_bytes(raw.data, raw.origin, declared_encoding=raw.charset)
    if not text.strip():
        raise empty_error(raw.origin)
    if raw.is_html:
        return article_from_html(text, origin=raw.origin, url=raw.url, max_bytes=max_bytes)
    return article_from_text(
        text, origin=raw.origin, url=raw.url, max_bytes=max_bytes, markdown=raw.suffix in MARKDOWN_SUFFIXES
    )


def article_from_html(
    html: str,
    *,
    origin: str,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    language_hint: str | None = None,
    max_bytes: int = 2_000_000,
) -> Article:
    """Extract the main text of an HTML page; metadata given here wins over the page's own."""
    page = extract_page(html, url, origin=origin)
    return article_from_text(
        page.text,
        origin=origin,
        url=url,
        max_bytes=max_bytes,
        title=title or page.title,
        published=published or page.date,
        outlet=outlet or page.sitename,
        language_hint=language_hint or page.language,
    )


def article_from_text(
    text: str,
    *,
    origin: str,
    url: str | None = None,
    title: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    language_hint: str | None = None,
    markdown: bool = False,
    max_bytes: int = 2_000_000,
) -> Article:
    """Normalise plain (or Markdown) text and move a date marker and a title line into metadata."""
    body = normalize_text(text)
    if not body:
        raise empty_error(origin)
    meta: dict[str, str] = {}
    if markdown:
        meta, body = _split_front_matter(body)
    marker, body = split_date_marker(body)
    published = published or marker or meta.get("date") or meta.get("published")
    url = url or meta.get("url") or meta.get("source")
    language_hint = language_hint or meta.get("lang") or meta.get("language")
    title = title or meta.get("title")
    if markdown:
        heading, body = _split_markdown_title(body)
        title = title or heading
    elif title is None:
        title, body = split_title_line(body)
    if title and body.split("\n\n", 1)[0].strip().casefold() == title.strip().casefold():
        body = body.split("\n\n", 1)[1] if "\n\n" in body else ""
    body = normalize_text(body)
    if not body:
        raise empty_error(origin)
    size = len(body.encode("utf-8"))
    if size > max_bytes:
        raise too_large(origin, size, max_bytes, "the text of one article")
    return Article(
        text=body,
        title=_nfc(title),
        url=url,
        origin=origin,
        published=published,
        outlet=_nfc(outlet),
        language_hint=language_code(language_hint),
    )


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` newlines, no invisible characters, no trailing spaces, blank lines folded."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\r\n?|[\f\v\u2028\u2029\x85]", "\n", text)
    text = _INVISIBLE.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def split_date_marker(text: str) -> tuple[str | None, str]:
    """``' date 2025-04 Text…'`` -> ``('2025-04', 'Text…')``; text without a marker is unchanged."""
    match = _DATE_MARKER.match(text)
    if not match:
        return None, text
    return match.group(1), text[match.end() :].lstrip("\n")


def split_title_line(text: str) -> tuple[str | None, str]:
    """Split off a first line that reads like a headline: short, alone, no final period."""
    first, sep, rest = text.partition("\n\n")
    line = first.strip()
    if not sep or "\n" in first or not rest.strip():
        return None, text
    if len(line) >= _TITLE_MAX or line.endswith((".", ":", ",", ";", "-", "–", "—")):
        return None, text
    if not any(char.isalpha() for char in line) or len(line.split()) < 2:
        return None, text
    return line.lstrip("#").strip(), rest


def language_code(value: str | None) -> str | None:
    """``'de-DE'`` -> ``'de'``: the ISO 639-1 part of a language tag, lower-cased."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code or None


def empty_error(origin: str) -> InputError:
    """The error for a source without any text."""
    return InputError(f"{origin} is empty: nothing to analyse (pass a file with the article text)")


def _refuse_content_type(raw: Raw) -> None:
    mime = raw.content_type
    head = raw.data[:512].lstrip()
    feedish = mime in FEED_TYPES or raw.suffix in {".xml", ".rss", ".atom"} or head.startswith(b"<")
    if feedish and raw.is_feed:
        raise InputError(
            f"{raw.origin} is a news feed (RSS/Atom), not one article (use `agent brief {raw.origin}` for feeds)"
        )
    if mime is None or mime in HTML_TYPES or mime in FEED_TYPES or mime in _TEXT_TYPES:
        return
    if mime.startswith("text/") or mime.endswith("+xml"):
        return
    raise InputError(f"{raw.origin} is {mime}, not an HTML page or text (pass the article's web page or its text)")


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Read simple ``key: value`` lines of a leading YAML front-matter block."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        key, sep, value = line.partition(":")
        value = value.strip().strip("\"'")
        if sep and value and not line.startswith((" ", "\t", "-")):
            meta[key.strip().lower()] = value
    return meta, text[match.end() :].lstrip("\n")


def _split_markdown_title(text: str) -> tuple[str | None, str]:
    for pattern in (_MD_HEADING, _SETEXT):
        match = pattern.match(text)
        if match:
            return match.group(1).strip() or None, text[match.end() :].lstrip("\n")
    return None, text


def _nfc(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(unicodedata.normalize("NFC", value).split())
    return value or None
