"""Fetching one http(s) URL with httpx: redirects, a named User-Agent, a timeout and a size cap.

Every failure (DNS, refused connection, timeout, HTTP status >= 400, oversized body) becomes
a one-line ``InputError`` naming the URL and the reason.
"""

from __future__ import annotations

import importlib
import importlib.metadata

import httpx

from agent.errors import InputError
from agent.ingest.raw import HTML_FACTOR, HTML_TYPES, Raw, check_size, url_suffix

_ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,application/rss+xml;q=0.8,*/*;q=0.5"
_FALLBACK_VERSION = "0.1"


def agent_version() -> str:
    """The agent's version: ``agent.__version__``, the installed distribution's, or ``0.1``."""
    try:
        version = getattr(importlib.import_module("agent"), "__version__", None)
    except ImportError:  # pragma: no cover - this module lives inside ``agent``
        version = None
    if isinstance(version, str) and version:
        return version
    for name in ("news-agent", "agent"):
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    return _FALLBACK_VERSION


def user_agent() -> str:
    """The User-Agent header sent with every request, e.g. ``news-agent/0.1``."""
    return f"news-agent/{agent_version()}"


def make_client(timeout: float = 20.0) -> httpx.Client:
    """An httpx client that follows redirects and names the agent; close it after use."""
    return httpx.Client(
        follow_redirects=True,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": user_agent(), "Accept": _ACCEPT},
        max_redirects=10,
    )


def fetch_url(
    url: str, *, max_bytes: int = 2_000_000, timeout: float = 20.0, client: httpx.Client | None = None
) -> Raw:
    """GET ``url`` and return its body (at most ``max_bytes``, or ``HTML_FACTOR`` times that for HTML).

    Pass a shared ``client`` (from ``make_client``) to reuse connections across many URLs.
    """
    own = client is None
    session = make_client(timeout) if client is None else client
    try:
        return _get(session, url, max_bytes, timeout)
    except httpx.TimeoutException:
        raise _fetch_error(url, f"no answer within {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise _fetch_error(url, "too many redirects") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise _fetch_error(url, f"invalid address ({_one_line(exc)})", hint="check the address") from None
    except httpx.HTTPError as exc:
        raise _fetch_error(url, _one_line(exc) or type(exc).__name__) from None
    finally:
        if own:
            session.close()


def _get(session: httpx.Client, url: str, max_bytes: int, timeout: float) -> Raw:
    with session.stream("GET", url, timeout=timeout) as response:
        if not response.is_success:
            phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
            raise _fetch_error(url, f"HTTP {response.status_code}{phrase}", hint="check the address")
        mime, charset = _content_type(response.headers.get("content-type"))
        final_url = str(response.url)
        html = mime in HTML_TYPES
        declared = response.headers.get("content-length")
        if declared and declared.isdigit():
            check_size(url, b"", int(declared), max_bytes, html=html or mime is None)
        cap = max_bytes * HTML_FACTOR + 1
        chunks: list[bytes] = []
        received = 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            received += len(chunk)
            if received >= cap:
                break
    data = b"".join(chunks)[:cap]
    check_size(url, data[:4096], len(data), max_bytes, html=html, exact=len(data) < cap)
    return Raw(data=data, origin=url, suffix=url_suffix(final_url), content_type=mime, charset=charset, url=final_url)


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """``'text/html; charset=ISO-8859-1'`` -> ``('text/html', 'ISO-8859-1')``."""
    if not header:
        return None, None
    mime, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower() or None, charset


def _fetch_error(url: str, reason: str, hint: str = "check the address or your connection") -> InputError:
    return InputError(f"could not fetch URL: {url}: {reason} ({hint})")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
