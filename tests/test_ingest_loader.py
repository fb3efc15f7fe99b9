"""Tests of load_article: files, stdin and URLs (served locally), bad inputs, text clean-up."""

from __future__ import annotations

import io
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from agent.errors import InputError
from agent.ingest import loader
from agent.ingest.loader import load_article

PARAGRAPHS = [
    (
        "Nach drei Jahren Bauzeit ist die neue Fußgängerbrücke über den Fluss am Montag eröffnet worden. "
        "Rund zweihundert Menschen kamen zur Feier am Ufer."
    ),
    (
        "Die Brücke verbindet die Altstadt mit dem neuen Wohnviertel und verkürzt den Schulweg vieler Kinder "
        "um fast zwanzig Minuten, teilte die Stadtverwaltung mit."
    ),
    "„Das ist ein guter Tag für unsere Stadt“, sagte der Bürgermeister bei der Eröffnung.",
]
BOILERPLATE = ["Startseite", "Abo abschließen", "Impressum", "Datenschutz", "Newsletter bestellen"]


def article_html(title: str = "Neue Brücke eröffnet", paragraphs: list[str] = PARAGRAPHS) -> str:
    """A news page with navigation, a teaser box and a footer around the article."""
    body = "".join(f"<p>{text}</p>\n" for text in paragraphs)
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>{title} | Kreisbote</title>
<meta property="article:published_time" content="2024-05-14T08:00:00+02:00"></head><body>
<header><nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/abo">Abo abschließen</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
{body}</article>
<aside class="newsletter"><a href="/nl">Newsletter bestellen</a></aside></main>
<footer><ul><li><a href="/impressum">Impressum</a></li><li><a href="/ds">Datenschutz</a></li></ul>
<p>© 2024 Kreisbote Verlag</p></footer></body></html>"""


NAV_ONLY_HTML = """<html><head><title>Kreisbote</title></head><body>
<nav><a href="/">Startseite</a> <a href="/politik">Politik</a> <a href="/sport">Sport</a></nav>
<footer><a href="/impressum">Impressum</a> <a href="/ds">Datenschutz</a> © 2024 Kreisbote Verlag</footer>
</body></html>"""

SEED_STYLE = (
    " date 2025-04 US-Außenministerin Jane Beispiel und ihr Amtskollege haben in einem Telefongespräch "
    "weitere Gespräche vereinbart.\n\n"
    "„Wir bleiben im Dialog“, heißt es in einer Mitteilung des Ministeriums.\n"
)


# --- a local HTTP server (127.0.0.1 only) ---------------------------------------------------

Route = tuple[int, str, bytes]
Server = tuple[str, dict[str, Route], list[dict[str, str]]]


@pytest.fixture
def server() -> Iterator[Server]:
    """Serve ``routes`` (path -> status, type, body) on 127.0.0.1; yields URL, routes, request headers."""
    routes: dict[str, Route] = {}
    seen: list[dict[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(dict(self.headers))
            if self.path == "/redirect":
                self.send_response(302)
                self.send_header("Location", "/article")
                self.end_headers()
                return
            status, content_type, body = routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Keep test output quiet."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", routes, seen
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def closed_port() -> int:
    """A local port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


# --- bad inputs ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "is empty: nothing to analyse"),
        ("blank.txt", b"  \n\t\r\n   \n", "is empty: nothing to analyse"),
        ("marker-only.txt", b" date 2025-04 \n", "is empty: nothing to analyse"),
        ("nul.txt", b"Text\x00mit\x00NUL\x00Bytes" * 5, "is a binary file, not text"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "is a binary file, not text"),
        ("paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "is a binary file, not text"),
        ("model.gguf", b"GGUF\x03\x00\x00\x00" + bytes(64), "is a binary file, not text"),
        ("nav.html", NAV_ONLY_HTML, "no article text found"),
        ("empty.html", "<html><body></body></html>", "no article text found"),
        (
            "feed.xml",
            '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
            "is a news feed",
        ),
    ],
)
def test_bad_files_raise_one_line_input_errors(tmp_path: Path, name: str, data: bytes | str, message: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        load_article(path)
    text = str(caught.value)
    assert message in text
    assert path in text
    assert "\n" not in text
    assert caught.value.exit_code == 2


def test_missing_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(InputError, match=r"file not found: .*nope\.txt \(check the path\)"):
        load_article(missing)


def test_directory_suggests_brief(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder.*agent brief"):
        load_article(str(tmp_path))


def test_five_megabytes_are_refused_without_decoding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "huge.txt", b"Ein langer Satz ohne Ende. " * 200_000)
    monkeypatch.setattr(loader, "decode_bytes", lambda *a, **k: pytest.fail("decoded an oversized file"))
    started = time.perf_counter()
    expected = r"is 5\.4 MB, over the 2 MB limit for one article \(split it, or raise --max-bytes\)"
    with pytest.raises(InputError, match=expected):
        load_article(path)
    assert time.perf_counter() - started < 1.0


def test_max_bytes_can_be_raised(tmp_path: Path) -> None:
    path = write(tmp_path, "big.txt", "Ein Satz über die Stadt. " * 100_000)
    assert len(load_article(path, max_bytes=3_000_000).text) > 2_000_000


def test_oversized_stdin_is_refused() -> None:
    with pytest.raises(InputError, match="stdin is .*over the 1 kB limit"):
        load_article("-", stdin=io.BytesIO(b"word " * 1000), max_bytes=1000)


# --- encodings, stdin, clean-up ---------------------------------------------------------------

GERMAN = "Die Bürgermeisterin sagte: „Wir öffnen die Brücke für Fußgänger und Radfahrer.“ Größer wird nichts."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings_load_to_the_same_text(tmp_path: Path, encoding: str) -> None:
    path = write(tmp_path, f"{encoding}.txt", GERMAN.encode(encoding))
    assert load_article(path).text == GERMAN


def test_latin1_file(tmp_path: Path) -> None:
    text = "Die Bürgermeisterin sagte: «Wir öffnen die Brücke für Fußgänger.» Größer wird nichts."
    assert load_article(write(tmp_path, "l1.txt", text.encode("latin-1"))).text == text


@pytest.mark.parametrize(
    "stream",
    [io.BytesIO(GERMAN.encode("utf-8")), io.BytesIO(GERMAN.encode("cp1252")), io.StringIO(GERMAN)],
    ids=["bytes-utf8", "bytes-cp1252", "text"],
)
def test_stdin(stream: io.IOBase) -> None:
    article = load_article("-", stdin=stream)  # type: ignore[arg-type]
    assert article.text == GERMAN
    assert article.origin == "-"


def test_stdin_html_is_extracted() -> None:
    article = load_article("-", stdin=io.BytesIO(article_html().encode("utf-8")))
    assert article.title == "Neue Brücke eröffnet"
    assert article.text.startswith("Nach drei Jahren")


def test_text_is_normalised(tmp_path: Path) -> None:
    raw = (
        "Erster Absatz mit Leerzeichen am Ende.   \r\nNoch eine Zeile.\t\r\n\r\n\r\n\r\n\r\n"
        "Zweiter Abs\u00adatz: a\u0308.\n\n"
    )
    article = load_article(write(tmp_path, "n.txt", raw))
    assert article.text == "Erster Absatz mit Leerzeichen am Ende.\nNoch eine Zeile.\n\nZweiter Absatz: ä."


@pytest.mark.parametrize(
    ("text", "published", "starts"),
    [
        (SEED_STYLE, "2025-04", "US-Außenministerin Jane Beispiel"),
        ("date 2025-04-03 Der Rat tagte am Abend.", "2025-04-03", "Der Rat tagte"),
        ("   date 2024-12\nDer Rat tagte am Abend.", "2024-12", "Der Rat tagte"),
        ("date 2025-13 Der Rat tagte am Abend.", None, "date 2025-13"),
        ("Update 2025-04 Der Rat tagte am Abend.", None, "Update 2025-04"),
        ("Der Rat tagte am Abend. date 2025-04", None, "Der Rat tagte"),
    ],
)
def test_date_marker(tmp_path: Path, text: str, published: str | None, starts: str) -> None:
    article = load_article(write(tmp_path, "a.txt", text))
    assert article.published == published
    assert article.text.startswith(starts)
    if published:
        assert "date " not in article.text


HEADLINE = "Stadt eröffnet neue Brücke"


@pytest.mark.parametrize(
    ("name", "text", "title", "starts"),
    [
        ("a.txt", f"{HEADLINE}\n\nNach drei Jahren ist es so weit.", HEADLINE, "Nach drei Jahren"),
        (
            "a.txt",
            "Wer zahlt die neue Brücke?\n\nDie Kosten sind noch offen.",
            "Wer zahlt die neue Brücke?",
            "Die Kosten",
        ),
        ("a.txt", "Nach drei Jahren ist es so weit.\n\nDie Brücke ist offen.", None, "Nach drei Jahren"),
        ("a.txt", "Stadt eröffnet\nneue Brücke\n\nNach drei Jahren ist es so weit.", None, "Stadt eröffnet"),
        ("a.txt", ("Sehr lange erste Zeile " * 10) + "\n\nDann der Text.", None, "Sehr lange"),
        ("a.txt", "Nur eine einzige Zeile ohne Punkt", None, "Nur eine einzige"),
        ("a.md", f"# {HEADLINE}\n\nNach drei Jahren ist es so weit.", HEADLINE, "Nach drei Jahren"),
        (
            "a.md",
            '---\ntitle: "Brücke offen"\ndate: 2024-05-14\n---\n# Stadt eröffnet Brücke\n\nText hier.',
            "Brücke offen",
            "Text hier.",
        ),
        ("a.md", "Nach drei Jahren ist es so.\n\n## Kosten\n\nDie Kosten sind offen.", None, "Nach drei"),
    ],
)
def test_title_detection(tmp_path: Path, name: str, text: str, title: str | None, starts: str) -> None:
    article = load_article(write(tmp_path, name, text))
    assert article.title == title
    assert article.text.startswith(starts)


def test_markdown_with_inline_tags_stays_markdown(tmp_path: Path) -> None:
    text = "# Titel\n\n" + "Ein <b>fetter</b> Satz mit <a href='x'>Link</a> und <span>Tag</span>. " * 5
    article = load_article(write(tmp_path, "tags.md", text))
    assert article.title == "Titel"
    assert "<b>fetter</b>" in article.text


def test_front_matter_date(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, "a.md", "---\ndate: 2024-05-14\n---\nText hier und mehr."))
    assert article.published == "2024-05-14"


# --- HTML from a file and from a (local) URL --------------------------------------------------


def assert_clean_article(article_text: str) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in article_text
    for boilerplate in BOILERPLATE:
        assert boilerplate not in article_text
    assert article_text.count("\n\n") == len(PARAGRAPHS) - 1


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt"])
def test_html_file(tmp_path: Path, name: str) -> None:
    article = load_article(write(tmp_path, name, article_html()))
    assert_clean_article(article.text)
    assert article.title == "Neue Brücke eröffnet"
    assert article.published == "2024-05-14"
    assert article.url is None


def test_url_article(server: Server) -> None:
    base, routes, seen = server
    routes["/article"] = (200, "text/html; charset=utf-8", article_html().encode("utf-8"))
    article = load_article(f"{base}/article")
    assert_clean_article(article.text)
    assert article.origin == f"{base}/article"
    assert article.url == f"{base}/article"
    assert article.title == "Neue Brücke eröffnet"
    assert seen[-1]["User-Agent"].startswith("news-agent/")


def test_url_redirect_and_declared_charset(server: Server) -> None:
    base, routes, _ = server
    html = article_html().replace('<meta charset="utf-8">', "")
    routes["/article"] = (200, "text/html; charset=windows-1252", html.encode("cp1252"))
    article = load_article(f"{base}/redirect")
    assert article.origin == f"{base}/redirect"
    assert article.url == f"{base}/article"
    assert_clean_article(article.text)


def test_url_plain_text(server: Server) -> None:
    base, routes, _ = server
    routes["/a.txt"] = (200, "text/plain; charset=utf-8", SEED_STYLE.encode("utf-8"))
    article = load_article(f"{base}/a.txt")
    assert article.published == "2025-04"
    assert article.text.startswith("US-Außenministerin")


@pytest.mark.parametrize(
    ("path", "route", "message"),
    [
        ("/missing", None, r"could not fetch URL: .*/missing: HTTP 404 Not Found"),
        ("/error", (500, "text/html", b"oops"), "HTTP 500"),
        ("/image", (200, "image/png", b"\x89PNG\r\n\x1a\n"), "is image/png, not an HTML page or text"),
        ("/nav", (200, "text/html", NAV_ONLY_HTML.encode()), "no article text found in http"),
        ("/big", (200, "text/plain", b"x " * 3000), r"over the 1 kB limit"),
        (
            "/feed",
            (200, "application/rss+xml", b"<?xml version='1.0'?><rss><channel></channel></rss>"),
            "is a news feed",
        ),
    ],
)
def test_url_errors(server: Server, path: str, route: Route | None, message: str) -> None:
    base, routes, _ = server
    if route is not None:
        routes[path] = route
    with pytest.raises(InputError, match=message) as caught:
        load_article(f"{base}{path}", max_bytes=1000 if path == "/big" else 2_000_000)
    assert "\n" not in str(caught.value)


def test_unreachable_url(closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/article"
    with pytest.raises(InputError, match=r"could not fetch URL: .*\(check the address or your connection\)"):
        load_article(url, timeout=2.0)
