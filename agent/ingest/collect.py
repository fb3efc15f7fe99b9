"""Collect many articles for ``agent brief``: folders, globs, JSONL, feeds, URL lists, files, URLs.

Sources are expanded first, so a source that matches nothing (missing path, empty folder,
glob without matches) raises ``InputError`` before anything slow happens. Then each item
is loaded; a failing item becomes a ``Failure`` and the run goes on. Finally exact and near
duplicates are set aside (the first copy stays).
"""

from __future__ import annotations

import glob
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from pydantic import BaseModel, Field

from agent.errors import InputError
from agent.ingest.article import Article
from agent.ingest.decode import decode_bytes
from agent.ingest.dedup import NEAR_THRESHOLD, Duplicate, deduplicate
from agent.ingest.fetch import fetch_url, make_client
from agent.ingest.loader import article_from_raw
from agent.ingest.raw import HTML_SUFFIXES, Raw, is_url, looks_like_feed, read_file, read_stdin
from agent.ingest.sources import (
    Failure,
    Fetcher,
    Outcome,
    feed_articles,
    jsonl_articles,
    looks_like_jsonl,
    url_list,
)

__all__ = ["CollectResult", "Duplicate", "Failure", "collect_articles"]

FOLDER_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
_GLOB_CHARS = frozenset("*?[")


class CollectResult(BaseModel):
    """Articles to analyse, items that failed to load, and duplicates left out."""

    articles: list[Article] = Field(default_factory=list)
    failures: list[Failure] = Field(default_factory=list)
    duplicates: list[Duplicate] = Field(default_factory=list)


@dataclass(frozen=True)
class _Item:
    kind: str  # "stdin", "url", "file" or "jsonl"
    value: str


def collect_articles(
    sources: list[str],
    *,
    stdin: TextIO | BinaryIO | None = None,
    max_bytes: int = 2_000_000,
    timeout: float = 20.0,
    fetch_links: bool = True,
    near_threshold: float = NEAR_THRESHOLD,
    progress: Callable[[str], None] | None = None,
) -> CollectResult:
    """Load every article named by ``sources`` and set aside failures and duplicates.

    Raises ``InputError`` only when a source matches nothing at all. ``fetch_links=False``
    builds feed entries from their own content instead of fetching their links.
    ``progress`` is called with each item's name before it is loaded.
    """
    if not sources:
        raise InputError("no sources given: pass files, folders, glob patterns, .jsonl files, feeds or URLs")
    items = [item for source in sources for item in expand_source(source)]
    loaded: list[Article] = []
    failures: list[Failure] = []
    with make_client(timeout) as client:
        fetcher = Fetcher(max_bytes=max_bytes, timeout=timeout, client=client, fetch_links=fetch_links)
        for item in items:
            if progress is not None:
                progress(item.value)
            for outcome in _load_item(item, fetcher, stdin):
                (loaded if isinstance(outcome, Article) else failures).append(outcome)
    articles, duplicates = deduplicate(loaded, threshold=near_threshold)
    return CollectResult(articles=articles, failures=failures, duplicates=duplicates)


def expand_source(source: str) -> list[_Item]:
    """The items one source stands for; raises ``InputError`` when it matches nothing."""
    if source == "-":
        return [_Item("stdin", "-")]
    if is_url(source):
        return [_Item("url", source)]
    path = Path(source).expanduser()
    if path.is_dir():
        files = folder_files(path)
        if not files:
            raise InputError(
                f"no articles in folder {source}: it holds no .txt, .md, .html or .htm files (check the folder)"
            )
        return [_file_item(file) for file in files]
    if path.exists():
        return [_file_item(path, given=source)]
    if _GLOB_CHARS & set(source):
        items = _glob_items(source)
        if not items:
            raise InputError(f"no files match {source} (check the pattern)")
        return items
    raise InputError(f"file not found: {source} (check the path)")


NOT_ARTICLES = ("readme", "license", "licence", "changelog", "contributing")
"""Folder files that document the folder rather than report news (matched on the name's start)."""


def folder_files(folder: Path) -> list[Path]:
    """Article files under ``folder`` (recursive, sorted; hidden files and README-like files skipped)."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts) or path.name.lower().startswith(NOT_ARTICLES):
            continue
        if path.suffix.lower() in FOLDER_SUFFIXES and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _glob_items(pattern: str) -> list[_Item]:
    items: list[_Item] = []
    for match in sorted(glob.glob(str(Path(pattern).expanduser()), recursive=True)):
        path = Path(match)
        if path.is_dir():
            items.extend(_file_item(file) for file in folder_files(path))
        elif path.is_file():
            items.append(_file_item(path))
    return items


def _file_item(path: Path, given: str | None = None) -> _Item:
    name = given if given is not None else str(path)
    return _Item("jsonl" if path.suffix.lower() == ".jsonl" else "file", name)


def _load_item(item: _Item, fetcher: Fetcher, stdin: TextIO | BinaryIO | None) -> Iterator[Outcome]:
    """Outcomes of one item; any error becomes a ``Failure`` so the run continues."""
    try:
        if item.kind == "jsonl":
            yield from _jsonl_file(item.value, fetcher)
            return
        if item.kind == "stdin":
            raw = read_stdin(stdin, fetcher.max_bytes)
        elif item.kind == "url":
            raw = fetch_url(item.value, max_bytes=fetcher.max_bytes, timeout=fetcher.timeout, client=fetcher.client)
        else:
            raw = read_file(item.value, fetcher.max_bytes)
        yield from _from_raw(raw, fetcher)
    except InputError as exc:
        yield Failure(origin=item.value, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - one broken item must not stop a batch run
        yield Failure(origin=item.value, error=f"unexpected error: {type(exc).__name__}: {exc}")


def _from_raw(raw: Raw, fetcher: Fetcher) -> Iterator[Outcome]:
    """Dispatch raw content: a feed, a list of URLs, JSONL rows, or a single article."""
    if raw.suffix in FEED_SUFFIXES or looks_like_feed(raw.data):
        yield from feed_articles(raw.data, raw.origin, fetcher)
        return
    if raw.suffix not in HTML_SUFFIXES and not raw.is_html:
        text = decode_bytes(raw.data, raw.origin, declared_encoding=raw.charset)
        urls = url_list(text)
        if urls is not None:
            for url in urls:
                yield from _load_item(_Item("url", url), fetcher, None)
            return
        if raw.origin == "-" and looks_like_jsonl(text):
            yield from jsonl_articles(text.splitlines(), raw.origin, fetcher)
            return
    yield article_from_raw(raw, max_bytes=fetcher.max_bytes)


def _jsonl_file(name: str, fetcher: Fetcher) -> Iterator[Outcome]:
    path = Path(name).expanduser()
    try:
        handle = path.open(encoding="utf-8-sig", errors="replace", newline=None)
    except FileNotFoundError:
        raise InputError(f"file not found: {name} (check the path)") from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise InputError(f"cannot read {name}: {reason} (check the file's permissions)") from None
    with handle:
        yield from jsonl_articles(handle, name, fetcher)
