"""Tests of collect_articles: folders, globs, JSONL, feeds, URL lists, failures and duplicates."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from agent.errors import InputError
from agent.ingest.article import Article
from agent.ingest.collect import collect_articles
from agent.ingest.dedup import deduplicate, jaccard, shingles

BRIDGE = (
    "Nach drei Jahren Bauzeit ist die neue Fußgängerbrücke über den Fluss am Montag eröffnet worden. "
    "Rund zweihundert Menschen kamen zur Feier am Ufer, darunter viele Familien mit Kindern. Die Brücke "
    "verbindet die Altstadt mit dem neuen Wohnviertel und verkürzt den Schulweg um fast zwanzig Minuten. "
    "Die Kosten lagen mit 4,2 Millionen Euro leicht über der ursprünglichen Planung, teilte die Stadt mit."
)
MARKET = (
    "The farmers' market on Elm Street will move to the old railway depot next spring, the council "
    "decided on Tuesday. Traders had complained about the lack of shelter during winter months, and "
    "the depot offers a roof, running water and space for forty stalls. Parking remains a concern."
)
LIBRARY = (
    "Die Stadtbibliothek verlängert ab Juni ihre Öffnungszeiten und öffnet künftig auch sonntags. "
    "Möglich wird das durch ein neues Ausleihsystem, bei dem Leserinnen und Leser Bücher selbst "
    "verbuchen können. Die Leitung rechnet mit deutlich mehr Besuchen am Wochenende."
)
FERRY = (
    "Die Fähre zwischen den beiden Inseln fährt im Winter nur noch zweimal täglich. Grund seien "
    "gestiegene Treibstoffkosten und ein Mangel an Personal, erklärte die Reederei am Donnerstag. "
    "Pendler fordern nun einen Zuschuss des Landes, um den Stundentakt zu erhalten."
)


def html_page(title: str, text: str) -> str:
    """A news page with navigation and footer around one article."""
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Startseite</a> "
        f"<a href='/abo'>Abo</a></nav><article><h1>{title}</h1><p>{text}</p></article>"
        "<footer>Impressum · Datenschutz</footer></body></html>"
    )


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


Route = tuple[int, str, bytes]


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, Route]]]:
    """Serve ``routes`` (path -> status, content type, body) on 127.0.0.1 in a thread."""
    routes: dict[str, Route] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, content_type, body = routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            """Keep test output quiet."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", routes
    finally:
        httpd.shutdown()
        httpd.server_close()


def rss(items: list[str], title: str = "Kreisbote") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://kreisbote.example</link><language>de-DE</language>"
        + "".join(items)
        + "</channel></rss>"
    )


def rss_item(title: str, *, text: str | None = None, link: str | None = None, date: str | None = None) -> str:
    parts = [f"<item><title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    if text:
        parts.append(f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>")
    parts.append("</item>")
    return "".join(parts)


# --- sources ---------------------------------------------------------------------------------


def test_folder_recursion_with_mixed_formats(tmp_path: Path) -> None:
    news = tmp_path / "news"
    write(news / "b.txt", BRIDGE)
    write(news / "a" / "market.md", f"# Market moves\n\n{MARKET}")
    write(news / "a" / "deep" / "library.html", html_page("Bibliothek", LIBRARY))
    write(news / "c.htm", html_page("Fähre", FERRY))
    write(news / "picture.jpg", b"\xff\xd8\xff\xe0 not an article")
    write(news / "notes.json", "{}")
    write(news / ".hidden" / "secret.txt", BRIDGE + " Geheim.")
    result = collect_articles([str(news)])
    assert [Path(a.origin).relative_to(news).as_posix() for a in result.articles] == [
        "a/deep/library.html",
        "a/market.md",
        "b.txt",
        "c.htm",
    ]
    assert result.articles[1].title == "Market moves"
    assert result.articles[0].title == "Bibliothek"
    assert "Startseite" not in result.articles[0].text
    assert result.failures == [] and result.duplicates == []


def test_glob_pattern(tmp_path: Path) -> None:
    write(tmp_path / "news" / "one.txt", BRIDGE)
    write(tmp_path / "news" / "two.txt", MARKET)
    write(tmp_path / "news" / "three.md", LIBRARY)
    result = collect_articles([str(tmp_path / "news" / "*.txt")])
    assert [Path(a.origin).name for a in result.articles] == ["one.txt", "two.txt"]
    result = collect_articles([str(tmp_path / "**" / "*.md")])
    assert [Path(a.origin).name for a in result.articles] == ["three.md"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("missing-folder", "file not found: .*missing-folder"),
        ("empty-folder", "no articles in folder .*empty-folder"),
        ("news/*.nothing", r"no files match .*news/\*\.nothing \(check the pattern\)"),
    ],
)
def test_sources_matching_nothing_raise(tmp_path: Path, source: str, message: str) -> None:
    (tmp_path / "empty-folder").mkdir()
    write(tmp_path / "empty-folder" / "image.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path / "news" / "a.txt", BRIDGE)
    with pytest.raises(InputError, match=message):
        collect_articles([str(tmp_path / "news"), str(tmp_path / source)])


def test_no_sources() -> None:
    with pytest.raises(InputError, match="no sources given"):
        collect_articles([])


def test_jsonl_rows(tmp_path: Path, server: tuple[str, dict[str, Route]]) -> None:
    base, routes = server
    routes["/ferry"] = (200, "text/html", html_page("Fähre", FERRY).encode("utf-8"))
    rows = [
        json.dumps(
            {
                "id": "a1",
                "text": BRIDGE,
                "title": "Brücke offen",
                "date": "2024-05-14",
                "outlet": "Kreisbote",
                "language": "de-DE",
                "url": "https://kreisbote.example/b",
            }
        ),
        json.dumps({"html": html_page("Market", MARKET), "published": "2024-06-01"}),
        "{not json",
        "",
        json.dumps({"title": "nothing else"}),
        json.dumps({"text": "   "}),
        json.dumps(["a", "list"]),
        json.dumps({"url": f"{base}/ferry", "outlet": "Inselblatt"}),
        json.dumps({"url": f"{base}/gone"}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(rows) + "\n")
    result = collect_articles([str(path)])
    first, second, third = result.articles
    assert (first.origin, first.title, first.published, first.outlet, first.language_hint, first.url) == (
        f"{path}#a1",
        "Brücke offen",
        "2024-05-14",
        "Kreisbote",
        "de",
        "https://kreisbote.example/b",
    )
    assert first.text == BRIDGE
    assert (second.origin, second.title, second.published) == (f"{path}:2", "Market", "2024-06-01")
    assert (third.origin, third.url, third.outlet) == (f"{path}:8", f"{base}/ferry", "Inselblatt")
    assert third.text == FERRY
    failures = {failure.origin: failure.error for failure in result.failures}
    assert set(failures) == {f"{path}:{n}" for n in (3, 5, 6, 7, 9)}
    assert failures[f"{path}:3"].startswith("invalid JSON")
    assert "no text, html or http(s) url" in failures[f"{path}:5"]
    assert "is empty" in failures[f"{path}:6"]
    assert "HTTP 404" in failures[f"{path}:9"]


def test_rss_file_with_content(tmp_path: Path) -> None:
    feed = rss(
        [
            rss_item("Brücke offen", text=BRIDGE, date="Tue, 14 May 2024 08:00:00 +0200"),
            rss_item("Markt zieht um", text=MARKET),
        ]
    )
    result = collect_articles([str(write(tmp_path / "feed.xml", feed))])
    assert [a.title for a in result.articles] == ["Brücke offen", "Markt zieht um"]
    assert [a.origin for a in result.articles] == [f"{tmp_path}/feed.xml#1", f"{tmp_path}/feed.xml#2"]
    assert result.articles[0].text == BRIDGE
    assert result.articles[0].published == "2024-05-14"
    assert result.articles[0].outlet == "Kreisbote"
    assert result.articles[0].language_hint == "de"
    assert result.failures == []


def test_feed_links_are_fetched(tmp_path: Path, server: tuple[str, dict[str, Route]]) -> None:
    base, routes = server
    routes["/library"] = (200, "text/html", html_page("Bibliothek", LIBRARY).encode("utf-8"))
    feed = rss(
        [
            rss_item("Bibliothek sonntags offen", link=f"{base}/library"),
            rss_item("Fähre seltener", link=f"{base}/ferry-gone", text=FERRY),  # 404: falls back to content
            rss_item("Weg", link=f"{base}/gone"),  # 404 and no content: a failure
        ]
    )
    routes["/feed"] = (200, "application/rss+xml", feed.encode("utf-8"))
    result = collect_articles([f"{base}/feed"])
    assert [a.origin for a in result.articles] == [f"{base}/library", f"{base}/ferry-gone"]
    assert result.articles[0].title == "Bibliothek sonntags offen"
    assert result.articles[0].text == LIBRARY
    assert result.articles[1].text == FERRY
    assert [f.origin for f in result.failures] == [f"{base}/gone"]
    assert "HTTP 404" in result.failures[0].error


def test_feed_without_fetching_links(tmp_path: Path) -> None:
    feed = rss([rss_item("Fähre", link="http://127.0.0.1:9/never", text=FERRY)])
    result = collect_articles([str(write(tmp_path / "f.rss", feed))], fetch_links=False)
    assert [a.text for a in result.articles] == [FERRY]
    assert result.articles[0].url == "http://127.0.0.1:9/never"


@pytest.mark.parametrize("name", ["list.urls", "list.txt"])
def test_url_list(tmp_path: Path, server: tuple[str, dict[str, Route]], name: str) -> None:
    base, routes = server
    routes["/a"] = (200, "text/html", html_page("Markt", MARKET).encode("utf-8"))
    routes["/b"] = (200, "text/plain", BRIDGE.encode("utf-8"))
    path = write(tmp_path / name, f"# my links\n{base}/a\n\n{base}/b\n{base}/missing\n")
    result = collect_articles([str(path)])
    assert [a.origin for a in result.articles] == [f"{base}/a", f"{base}/b"]
    assert [f.origin for f in result.failures] == [f"{base}/missing"]


def test_stdin_jsonl_and_progress() -> None:
    lines = "\n".join(json.dumps({"text": text}) for text in (BRIDGE, MARKET))
    seen: list[str] = []
    result = collect_articles(["-"], stdin=io.BytesIO(lines.encode("utf-8")), progress=seen.append)
    assert [a.text for a in result.articles] == [BRIDGE, MARKET]
    assert seen == ["-"]


# --- failures and duplicates ------------------------------------------------------------------


def test_failures_are_listed_not_raised(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "1-good.txt", BRIDGE)
    write(folder / "2-empty.txt", "")
    write(folder / "3-binary.txt", b"\x00\x01\x02binary\x00" * 10)
    write(folder / "4-nav.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    write(folder / "5-good.md", MARKET)
    result = collect_articles([str(folder)])
    assert [Path(a.origin).name for a in result.articles] == ["1-good.txt", "5-good.md"]
    errors = {Path(f.origin).name: f.error for f in result.failures}
    assert list(errors) == ["2-empty.txt", "3-binary.txt", "4-nav.html"]
    assert "is empty" in errors["2-empty.txt"]
    assert "binary file" in errors["3-binary.txt"]
    assert "no article text found" in errors["4-nav.html"]
    assert all("\n" not in error for error in errors.values())


def test_exact_and_near_duplicates(tmp_path: Path) -> None:
    folder = tmp_path / "dup"
    write(folder / "a.txt", BRIDGE)
    write(folder / "b.txt", "  " + BRIDGE.replace(". ", ".\n\n") + "\n")  # same words, other spacing
    write(folder / "c.txt", BRIDGE.replace("zweihundert", "dreihundert"))
    write(folder / "d.txt", LIBRARY)
    result = collect_articles([str(folder)])
    assert [Path(a.origin).name for a in result.articles] == ["a.txt", "d.txt"]
    exact, near = result.duplicates
    assert (Path(exact.origin).name, Path(exact.duplicate_of).name, exact.kind, exact.similarity) == (
        "b.txt",
        "a.txt",
        "exact",
        1.0,
    )
    assert (Path(near.origin).name, Path(near.duplicate_of).name, near.kind) == ("c.txt", "a.txt", "near")
    assert 0.8 <= near.similarity < 1.0


@pytest.mark.parametrize(
    ("left", "right", "low", "high"),
    [
        (BRIDGE, BRIDGE, 1.0, 1.0),
        (BRIDGE, BRIDGE.upper(), 1.0, 1.0),
        (BRIDGE, BRIDGE.replace("Montag", "Dienstag"), 0.8, 0.99),
        (BRIDGE, BRIDGE[: len(BRIDGE) // 2], 0.3, 0.6),
        (BRIDGE, LIBRARY, 0.0, 0.05),
        ("", "", 0.0, 0.0),
    ],
)
def test_shingle_similarity(left: str, right: str, low: float, high: float) -> None:
    assert low <= jaccard(shingles(left), shingles(right)) <= high


def test_deduplicate_keeps_first_and_order() -> None:
    texts = [("1", MARKET), ("2", FERRY), ("3", MARKET), ("4", BRIDGE)]
    articles = [Article(text=text, origin=origin) for origin, text in texts]
    kept, duplicates = deduplicate(articles)
    assert [a.origin for a in kept] == ["1", "2", "4"]
    assert [(d.origin, d.duplicate_of, d.kind) for d in duplicates] == [("3", "1", "exact")]


@pytest.mark.parametrize("name", ["README.md", "readme.txt", "LICENSE.txt", "CHANGELOG.md"])
def test_folder_skips_files_that_document_the_folder(tmp_path: Path, name: str) -> None:
    (tmp_path / "story.txt").write_text("Die Stadt baut eine Brücke. " * 10, encoding="utf-8")
    (tmp_path / name).write_text("This folder holds the demo articles for the briefing. " * 5, encoding="utf-8")
    result = collect_articles([str(tmp_path)])
    assert [Path(a.origin).name for a in result.articles] == ["story.txt"]
