"""Main-text extraction from an HTML page with trafilatura: article body, title and date.

Navigation, footers, comments and tables are dropped (precision over recall); the result
is plain text with paragraphs separated by blank lines and ``<br>`` kept as single newlines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from agent.errors import InputError

if TYPE_CHECKING:
    from lxml.etree import _Element

MIN_WORDS = 25
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)
_HTML_TAG = re.compile(
    r"<(?:p|div|span|a|br|h[1-6]|article|section|main|body|head|meta|title|script|li|ul)\b[^>]*>",
    re.IGNORECASE,
)
# trafilatura's output elements that start a new paragraph.
_BLOCKS = frozenset({"p", "head", "item", "quote", "list", "div", "table", "row", "cell", "code", "section"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass(frozen=True)
class Page:
    """What was extracted from one HTML page."""

    text: str
    title: str | None
    date: str | None
    sitename: str | None
    language: str | None


def looks_like_html(text: str, *, strict: bool = False) -> bool:
    """Guess whether ``text`` is an HTML document (or a fragment made mostly of tags).

    ``strict`` accepts only whole documents (``<!DOCTYPE html>`` or ``<html>`` first), for
    formats such as Markdown that may contain some inline tags.
    """
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    if strict:
        return False
    tags = len(_HTML_TAG.findall(head))
    return (head.lstrip().startswith("<") and tags >= 3) or tags >= 10


def extract_article(html: str, url: str | None) -> tuple[str, str | None, str | None]:
    """Return ``(main text, title, date)`` of an HTML article page; ``url`` names it in errors.

    Raises ``InputError`` when the page has no main text of at least ``MIN_WORDS`` words.
    """
    page = extract_page(html, url)
    return page.text, page.title, page.date


def extract_page(html: str, url: str | None, *, origin: str | None = None) -> Page:
    """Like ``extract_article`` but also returns the site name and language of the page."""
    import trafilatura  # imported lazily: it is slow to import and only needed for HTML

    where = origin or url or "the HTML page"
    doc = None
    if html.strip():
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            with_metadata=True,
            # no guessing from free text: a footer's "© 2024" must not become the date
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    if doc is None:
        raise _no_text(where)
    title = _clean_line(doc.title)
    paragraphs = _paragraphs(doc)
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    text = "\n\n".join(paragraphs)
    if len(text.split()) < MIN_WORDS:
        raise _no_text(where)
    language = (doc.language or "").split("-")[0].lower() or None
    return Page(text=text, title=title, date=doc.date or None, sitename=_clean_line(doc.sitename), language=language)


def _no_text(where: str) -> InputError:
    return InputError(
        f"no article text found in {where}: the page has no main text (save the article page itself, or pass the text)"
    )


def _clean_line(value: str | None) -> str | None:
    if not value:
        return None
    return _SPACES.sub(" ", value).strip() or None


def _paragraphs(doc: Any) -> list[str]:
    """Blocks of the extracted body, each cleaned; falls back to the plain text lines."""
    body = getattr(doc, "body", None)
    blocks: list[str] = []
    if body is not None and len(body):
        _collect_blocks(body, blocks)
    else:
        blocks = (getattr(doc, "text", None) or "").split("\n")
    cleaned = []
    for block in blocks:
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        joined = "\n".join(line for line in lines if line)
        if joined:
            cleaned.append(joined)
    return cleaned


def _collect_blocks(element: _Element, blocks: list[str]) -> None:
    """Append the text of each block element under ``element``; nested blocks get their own."""
    children = list(element)
    if not any(_tag(child) in _BLOCKS for child in children):
        blocks.append(_inline_text(element))
        return
    if element.text and element.text.strip():
        blocks.append(element.text)
    for child in children:
        if _tag(child) in _BLOCKS:
            _collect_blocks(child, blocks)
        else:
            blocks.append(_inline_text(child))
        if child.tail and child.tail.strip():
            blocks.append(child.tail)


def _inline_text(element: _Element) -> str:
    """Text of an element with ``<lb/>`` (line breaks) kept as newlines."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if _tag(child) == "lb" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _tag(element: _Element) -> str:
    tag = getattr(element, "tag", "")
    return tag if isinstance(tag, str) else ""
