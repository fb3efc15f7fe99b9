"""Raw bytes of one source (file, stdin or http(s) URL), read within a size limit.

Plain text may be at most ``max_bytes``; HTML pages carry markup and scripts, so their raw
size may be ``HTML_FACTOR`` times larger (the extracted text is checked again later).
Oversized files are refused from their size on disk, before anything is read or decoded.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO
from urllib.parse import urlsplit

from agent.errors import InputError
from agent.ingest.html_text import looks_like_html

HTML_FACTOR = 4
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)
# Markdown may hold inline tags: only a whole HTML document counts as HTML there.
_STRICT_SNIFF = frozenset({".md", ".markdown", ".mdown"})
_SNIFF = 4096


@dataclass(frozen=True)
class Raw:
    """Undecoded content plus what its source says about it."""

    data: bytes
    origin: str
    suffix: str = ""
    content_type: str | None = None
    charset: str | None = None
    url: str | None = None

    @property
    def is_html(self) -> bool:
        """True when the suffix, content type or the first bytes say HTML."""
        if self.suffix in HTML_SUFFIXES or self.content_type in HTML_TYPES:
            return True
        return looks_like_html(_head_text(self.data), strict=self.suffix in _STRICT_SNIFF)

    @property
    def is_feed(self) -> bool:
        """True when the bytes look like an RSS, RDF or Atom feed."""
        return looks_like_feed(self.data)


def is_url(source: str) -> bool:
    """True for ``http://`` and ``https://`` addresses."""
    return source[:8].lower().startswith(("http://", "https://"))


def looks_like_feed(data: bytes) -> bool:
    """True when the first bytes look like an RSS, RDF or Atom feed document."""
    head = _head_text(data).lstrip("\ufeff \t\r\n").lower()
    if not head.startswith("<"):
        return False
    return any(marker in head for marker in ("<rss", "<rdf:rdf", "<feed")) and "<html" not in head


def format_size(size: int) -> str:
    """``2000000`` -> ``'2 MB'``, ``5242880`` -> ``'5.2 MB'``, ``1500`` -> ``'1.5 kB'``."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    if size >= 1000:
        return f"{size / 1000:.1f}".removesuffix(".0") + " kB"
    return f"{size} bytes"


def too_large(origin: str, size: int, limit: int, what: str = "one article", *, at_least: bool = False) -> InputError:
    """The error for a source over the size limit; ``at_least`` when ``size`` is a lower bound."""
    actual = ("more than " if at_least else "") + format_size(size)
    return InputError(
        f"{origin} is {actual}, over the {format_size(limit)} limit for {what} (split it, or raise --max-bytes)"
    )


def check_size(origin: str, head: bytes, size: int, max_bytes: int, *, html: bool, exact: bool = True) -> None:
    """Raise ``too_large`` when ``size`` exceeds the limit: ``max_bytes``, or more for HTML.

    ``head`` (the first bytes) is sniffed for HTML when ``html`` is not already known.
    """
    if size <= max_bytes:
        return
    html = html or looks_like_html(_head_text(head))
    limit = max_bytes * HTML_FACTOR if html else max_bytes
    if size > limit:
        raise too_large(origin, size, limit, "one HTML page" if html else "one article", at_least=not exact)


def read_file(source: str, max_bytes: int) -> Raw:
    """Read a file's bytes; missing, folder, unreadable or oversized files raise ``InputError``."""
    path = Path(source).expanduser()
    try:
        if path.is_dir():
            raise InputError(f"{source} is a folder, not an article (use `agent brief {source}` to analyse a folder)")
        size = path.stat().st_size
        html = path.suffix.lower() in HTML_SUFFIXES
        if size > max_bytes:
            with path.open("rb") as handle:
                head = handle.read(_SNIFF)
            check_size(source, head, size, max_bytes, html=html)
        data = path.read_bytes()
    except FileNotFoundError:
        hint = " (only http:// and https:// URLs can be fetched)" if "://" in source else " (check the path)"
        raise InputError(f"file not found: {source}{hint}") from None
    except PermissionError:
        raise InputError(f"cannot read {source}: permission denied (check the file's permissions)") from None
    except IsADirectoryError:
        raise InputError(f"{source} is a folder, not an article (use `agent brief {source}`)") from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"cannot read {source}: {reason} (check the path)") from None
    return Raw(data=data, origin=source, suffix=path.suffix.lower())


def read_stdin(stdin: TextIO | BinaryIO | None, max_bytes: int) -> Raw:
    """Read an article piped to stdin (bytes when the stream has a binary buffer)."""
    stream = stdin if stdin is not None else sys.stdin
    if stream is None:
        raise InputError("stdin is closed: pipe an article in, or pass a file or URL")
    isatty = getattr(stream, "isatty", None)
    if callable(isatty) and isatty():
        raise InputError("stdin is a terminal: pipe an article in (e.g. `agent analyse - < article.txt`)")
    cap = max_bytes * HTML_FACTOR + 1
    source = getattr(stream, "buffer", stream)
    try:
        chunk = source.read(cap)
    except OSError as exc:
        raise InputError(f"cannot read stdin: {exc.strerror or exc} (pipe a text file in)") from None
    data = chunk.encode("utf-8") if isinstance(chunk, str) else bytes(chunk or b"")
    check_size("stdin", data[:_SNIFF], len(data), max_bytes, html=False, exact=len(data) < cap)
    return Raw(data=data, origin="-")


def url_suffix(url: str) -> str:
    """Lower-case extension of a URL's path (``'.html'``), or ``''``."""
    return Path(urlsplit(url).path).suffix.lower()


def _head_text(data: bytes) -> str:
    head = data[:_SNIFF]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")
