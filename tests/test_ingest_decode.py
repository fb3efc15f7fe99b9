"""Tests of byte decoding and HTML extraction: encodings, binary refusal, boilerplate removal."""

from __future__ import annotations

import codecs
import random

import pytest

from agent.errors import InputError
from agent.ingest.decode import decode_bytes
from agent.ingest.html_text import extract_article, looks_like_html

GERMAN = (
    "„Wir müssen die Straßen sicherer machen“, sagte Bürgermeisterin Özdemir – "
    "und kündigte für Ärzte, Schüler und Pendler neue Übergänge an.\nZweite Zeile: Größe 5 €."
)
# latin-1 has no „“ – or €: the same kind of text with characters it can encode.
WESTERN = "«Wir müssen die Straßen sicherer machen», sagte Bürgermeisterin Özdemir. Ärzte: ÄÖÜ äöü ß é ç."


@pytest.mark.parametrize(
    "data",
    [
        GERMAN.encode("utf-8"),
        GERMAN.encode("utf-8-sig"),
        GERMAN.encode("utf-16"),
        codecs.BOM_UTF16_BE + GERMAN.encode("utf-16-be"),
        GERMAN.encode("utf-16-le"),  # no BOM: recognised by its NUL pattern
        GERMAN.encode("utf-32"),
        GERMAN.encode("cp1252"),
        GERMAN.replace("\n", "\r\n").encode("utf-8"),
        GERMAN.replace("\n", "\r\n").encode("cp1252"),
        GERMAN.replace("\n", "\r").encode("utf-8"),
    ],
    ids=[
        "utf-8",
        "utf-8-sig",
        "utf-16",
        "utf-16-be",
        "utf-16-le-nobom",
        "utf-32",
        "cp1252",
        "crlf",
        "crlf-cp1252",
        "cr",
    ],
)
def test_german_text_decodes_the_same_in_every_encoding(data: bytes) -> None:
    assert decode_bytes(data, "a.txt") == GERMAN


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_western_text_decodes_in_every_encoding(encoding: str) -> None:
    assert decode_bytes(WESTERN.encode(encoding), "a.txt") == WESTERN


def test_cp1252_quotes_are_not_read_as_control_characters() -> None:
    text = decode_bytes("„Zitat“ – ‚so‘ … 5 €".encode("cp1252"), "a.txt")
    assert text == "„Zitat“ – ‚so‘ … 5 €"
    assert not any(0x80 <= ord(char) <= 0x9F for char in text)


def test_cyrillic_legacy_encoding_is_detected() -> None:
    text = "Министр иностранных дел провёл телефонный разговор с коллегой. " * 4
    assert decode_bytes(text.encode("cp1251"), "ru.txt") == text


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"word/document.xml", "ZIP"),
        (b"GGUF\x03\x00\x00\x00" + b"\x00" * 32, "GGUF"),
        (b"Some text\x00with a NUL byte in the middle" * 3, "NUL"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 20 + b"abc", "control"),
        (random.Random(7).randbytes(4000).replace(b"\x00", b"\x01"), "control"),
        (bytes([0x41, 0, 0x81, 0]) * 50, "not valid text"),
    ],
    ids=["png", "pdf", "zip", "gguf", "nul", "control", "random", "utf16-garbage"],
)
def test_binary_data_is_refused(data: bytes, kind: str) -> None:
    with pytest.raises(InputError, match="binary file, not text") as caught:
        decode_bytes(data, "x.bin")
    assert kind in str(caught.value)
    assert "x.bin" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_declared_charset_is_used_when_not_utf8() -> None:
    data = "Добрый день, уважаемые читатели".encode("koi8-r")
    assert decode_bytes(data, "u", declared_encoding="koi8-r") == "Добрый день, уважаемые читатели"


def test_html_meta_charset_is_used() -> None:
    html = '<html><head><meta charset="windows-1251"></head><body>Привет мир</body></html>'
    assert "Привет мир" in decode_bytes(html.encode("cp1251"), "page.html")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  <html lang='de'><head><title>t</title></head></html>", True),
        ("<div><p>Absatz</p><p>Noch einer</p><a href='/'>Link</a></div>", True),
        ("Ein Artikel, der das Tag <p> einmal erwähnt.", False),
        ("Plain text only.\n\nSecond paragraph.", False),
    ],
)
def test_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


def test_looks_like_html_strict_needs_a_whole_document() -> None:
    assert not looks_like_html("<div><p>a</p><p>b</p><a href='/'>c</a></div>", strict=True)
    assert looks_like_html("<!doctype html><html><body></body></html>", strict=True)


ARTICLE_HTML = """<!DOCTYPE html><html lang="de"><head><title>Neue Brücke eröffnet | Kreisbote</title>
<meta property="article:published_time" content="2024-05-14T08:00:00+02:00"></head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/abo">Abo abschließen</a></nav>
<article><h1>Neue Brücke eröffnet</h1>
<p>Nach drei Jahren Bauzeit ist die neue Fußgängerbrücke über den Fluss am Montag eröffnet worden.
Rund zweihundert Menschen kamen zur Feier am Ufer.</p>
<p>Die Brücke verbindet die Altstadt mit dem neuen Wohnviertel und verkürzt den Schulweg vieler Kinder
um fast zwanzig Minuten, teilte die Stadtverwaltung mit.</p>
</article>
<footer>Impressum · Datenschutz · © Kreisbote Verlag</footer></body></html>"""


def test_extract_article_drops_boilerplate_and_keeps_paragraphs() -> None:
    text, title, date = extract_article(ARTICLE_HTML, "https://example.test/bruecke")
    assert title == "Neue Brücke eröffnet"
    assert date == "2024-05-14"
    assert text.startswith("Nach drei Jahren Bauzeit")
    assert "\n\n" in text
    for boilerplate in ("Startseite", "Abo", "Impressum", "Datenschutz"):
        assert boilerplate not in text


@pytest.mark.parametrize(
    "html",
    [
        "",
        (
            "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            "<footer>© 2024 Verlag · Impressum</footer></body></html>"
        ),
        "<html><body><article><p>Zu kurz für einen Artikel.</p></article></body></html>",
    ],
    ids=["empty", "nav-only", "too-short"],
)
def test_extract_article_without_main_text_fails(html: str) -> None:
    with pytest.raises(InputError, match="no article text found in page.html"):
        extract_article(html, "page.html")
