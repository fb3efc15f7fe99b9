"""Turn raw article bytes into text: refuse binary files, detect the encoding, normalise newlines.

Order of decisions: known binary magic numbers, byte-order marks (UTF-8/16/32), BOM-less
UTF-16, NUL bytes / control characters, strict UTF-8, an encoding declared by the caller
(HTTP header) or in an HTML ``<meta charset>``, then legacy single-byte encodings: Western
text is read as cp1252 (a superset of latin-1 whose 0x80-0x9F bytes are typographic quotes,
dashes and the euro sign) and anything else is left to ``charset_normalizer``.
"""

from __future__ import annotations

import codecs
import re

from agent.errors import InputError

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"PK\x03\x04", "ZIP/Office document"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"GGUF", "GGUF model"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"\x00\x00\x00\x18ftyp", "video"),
    (b"\x00\x00\x00\x20ftyp", "video"),
    (b"OggS", "audio"),
    (b"wOFF", "font"),
    (b"wOF2", "font"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SAMPLE = 8192
# C0 control bytes that never occur in text (tab, LF, VT, FF, CR and ESC are allowed).
_CONTROL = frozenset(set(range(0x09)) | {0x0E, 0x0F} | set(range(0x10, 0x1B)) | {0x1C, 0x1D, 0x1E, 0x1F})
_MAX_CONTROL_SHARE = 0.05
_MAX_GARBAGE_SHARE = 0.1
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029|\x85")


def decode_bytes(data: bytes, origin: str, *, declared_encoding: str | None = None) -> str:
    """Decode ``data`` read from ``origin`` into text with ``\\n`` newlines and no BOM.

    ``declared_encoding`` (e.g. the charset of an HTTP Content-Type) is used when the bytes
    are not valid UTF-8. Raises ``InputError`` for binary data.
    """
    if not data:
        return ""
    _refuse_magic(data, origin)
    text = _decode_unicode(data, origin)
    if text is None:
        text = _decode_legacy(data, declared_encoding)
    _refuse_garbage(text, origin)
    return _NEWLINES.sub("\n", text.lstrip("\ufeff"))


def _binary(origin: str, kind: str) -> InputError:
    return InputError(f"{origin} is a binary file, not text ({kind}): pass a text, Markdown or HTML article")


def _refuse_magic(data: bytes, origin: str) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise _binary(origin, kind)


def _refuse_garbage(text: str, origin: str) -> None:
    """Refuse decoded text that is mostly control or replacement characters."""
    sample = text[:_SAMPLE]
    bad = sum(1 for char in sample if char == "\ufffd" or (_is_control(char)))
    if sample and bad > _MAX_GARBAGE_SHARE * len(sample):
        raise _binary(origin, "not valid text in any known encoding")


def _is_control(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 and char not in "\t\n\r\f\v\x1b") or 0x7F <= code <= 0x9F


def _decode_unicode(data: bytes, origin: str) -> str | None:
    """Decode BOM-marked or BOM-less UTF-16, or strict UTF-8; ``None`` if none of them fits."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    sample = data[:_SAMPLE]
    utf16 = _bomless_utf16(sample)
    if utf16:
        return data.decode(utf16, errors="replace")
    if b"\x00" in data:
        raise _binary(origin, "contains NUL bytes")
    controls = sum(1 for byte in sample if byte in _CONTROL)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise _binary(origin, "mostly control characters")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _bomless_utf16(sample: bytes) -> str | None:
    """Recognise UTF-16 without a BOM by NULs in every other byte (Latin-script text)."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes, declared: str | None) -> str:
    """Decode bytes that are not UTF-8: declared charset, then cp1252/latin-1, then detection."""
    for candidate in (declared, _html_charset(data)):
        encoding = _known_codec(candidate)
        if encoding and encoding != "utf-8":
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                pass
    if _looks_western(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    detected = _detect(data)
    if detected:
        return detected
    return data.decode("cp1252", errors="replace")


def _html_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _known_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def _looks_western(data: bytes) -> bool:
    """True when letters in the 0xC0-0xFF range are rare, as in German, French or Spanish text.

    Legacy encodings of Cyrillic or Greek put most letters there; cp1252 punctuation
    (quotes, dashes, euro sign in 0x80-0xBF) does not count either way.
    """
    sample = data[:65536]
    high_letters = sum(1 for byte in sample if byte >= 0xC0)
    ascii_letters = sum(1 for byte in sample if 0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A)
    return high_letters <= 0.3 * (high_letters + ascii_letters)


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with trafilatura/requests
        return None
    best = from_bytes(data[:262144]).best()
    if best is None or not best.encoding:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
