"""Readers for sources that hold many articles: JSONL rows, RSS/Atom feeds and URL lists.

Each reader yields ``Article`` or ``Failure`` per item, so one bad row, entry or link is
recorded and the rest still load. Nothing here raises for a single bad item.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import BaseModel

from agent.errors import InputError
from agent.ingest.article import Article
from agent.ingest.loader import article_from_html, article_from_text, empty_error, language_code, load_article
from agent.ingest.raw import is_url


class Failure(BaseModel):
    """One item that could not be loaded, and the one-line reason."""

    origin: str
    error: str


Outcome = Article | Failure


@dataclass
class Fetcher:
    """How to load linked articles: size limit, timeout, shared HTTP client, whether to fetch."""

    max_bytes: int = 2_000_000
    timeout: float = 20.0
    client: httpx.Client | None = None
    fetch_links: bool = True

    def load(self, url: str) -> Article:
        """Fetch and extract the article at ``url`` (raises ``InputError``)."""
        return load_article(url, max_bytes=self.max_bytes, timeout=self.timeout, client=self.client)


def url_list(text: str) -> list[str] | None:
    """The URLs of a text whose non-empty, non-``#`` lines are all http(s) URLs, else ``None``."""
    lines = [line.strip() for line in text.splitlines()]
    urls = [line for line in lines if line and not line.startswith("#")]
    if not urls or not all(is_url(line) and len(line.split()) == 1 for line in urls):
        return None
    return urls


def looks_like_jsonl(text: str) -> bool:
    """True when every non-empty line of ``text`` looks like a JSON object."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and all(line.startswith("{") and line.endswith("}") for line in lines)


def jsonl_articles(lines: Iterable[str], origin: str, fetcher: Fetcher) -> Iterator[Outcome]:
    """One outcome per non-empty line: ``text``, ``html`` or ``url`` plus optional metadata."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(origin=where, error=f"invalid JSON ({exc.msg}): each line must be one JSON object")
            continue
        if not isinstance(row, dict):
            yield Failure(origin=where, error="the line is not a JSON object (write one object per line)")
            continue
        if row.get("id") not in (None, ""):
            where = f"{origin}#{row['id']}"
        try:
            yield _row_article(row, where, fetcher)
        except InputError as exc:
            yield Failure(origin=where, error=str(exc))


def _row_article(row: dict[str, Any], where: str, fetcher: Fetcher) -> Article:
    meta = {
        "title": _string(row, "title"),
        "published": _string(row, "published") or _string(row, "date"),
        "outlet": _string(row, "outlet"),
        "language_hint": _string(row, "language") or _string(row, "lang"),
    }
    url = _string(row, "url")
    text, html = row.get("text"), row.get("html")
    if not isinstance(text, str | None) or not isinstance(html, str | None):
        raise InputError("the row's text and html fields must be strings (fix the JSON)")
    if text and text.strip():
        return article_from_text(text, origin=where, url=url, max_bytes=fetcher.max_bytes, **meta)
    if html and html.strip():
        return article_from_html(html, origin=where, url=url, max_bytes=fetcher.max_bytes, **meta)
    if url is not None and is_url(url):
        article = fetcher.load(url)
        return _with_meta(article, origin=where, **meta)
    if text is not None or html is not None:
        raise empty_error(where)
    raise InputError("the row has no text, html or http(s) url field (add one of them)")


def feed_articles(data: bytes, origin: str, fetcher: Fetcher) -> Iterator[Outcome]:
    """One outcome per feed entry: its linked page, or else its content/summary HTML."""
    import feedparser  # imported lazily: only feeds need it

    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        yield Failure(origin=origin, error="not an RSS or Atom feed (check the file or address)")
        return
    if not parsed.entries:
        yield Failure(origin=origin, error="the feed has no entries: nothing to analyse")
        return
    channel = parsed.get("feed", {})
    outlet = channel.get("title") or None
    language = channel.get("language") or None
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or None
        where = link if link and is_url(link) else f"{origin}#{number}"
        meta = {"title": entry.get("title") or None, "published": _entry_date(entry)}
        try:
            article = _entry_article(entry, where, link, fetcher)
        except InputError as exc:
            yield Failure(origin=where, error=str(exc))
            continue
        yield _with_meta(
            article, outlet=article.outlet or outlet, language_hint=article.language_hint or language, **meta
        )


def _entry_article(entry: Any, where: str, link: str | None, fetcher: Fetcher) -> Article:
    """The linked page when it can be fetched, else the entry's own content or summary."""
    error: InputError | None = None
    if link and is_url(link) and fetcher.fetch_links:
        try:
            return fetcher.load(link)
        except InputError as exc:
            error = exc
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary")
    kind = (contents[0].get("type") if contents else entry.get("summary_detail", {}).get("type")) or ""
    if not body:
        raise error or InputError("the feed entry has no link and no content (nothing to analyse)")
    url = link if link and is_url(link) else None
    try:
        if kind == "text/plain":
            return article_from_text(body, origin=where, url=url, max_bytes=fetcher.max_bytes)
        html = f"<html><body><article>{body}</article></body></html>"
        return article_from_html(html, origin=where, url=url, max_bytes=fetcher.max_bytes)
    except InputError:
        if error is not None:
            raise error from None
        raise


def _with_meta(article: Article, **meta: str | None) -> Article:
    """A copy of ``article`` with the given non-empty metadata (origin, title, ...) set."""
    values = {key: value for key, value in meta.items() if value}
    if "language_hint" in values:
        values["language_hint"] = language_code(values["language_hint"])
    return article.model_copy(update=values) if values else article


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%d", parsed)
    return entry.get("published") or entry.get("updated") or None


def _string(row: dict[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)
