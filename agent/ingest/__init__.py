"""Getting article text in: files, stdin, URLs, saved HTML, folders, JSONL, feeds."""

from agent.ingest.article import Article
from agent.ingest.collect import CollectResult, Duplicate, Failure, collect_articles
from agent.ingest.decode import decode_bytes
from agent.ingest.html_text import extract_article, looks_like_html
from agent.ingest.loader import load_article

__all__ = [
    "Article",
    "CollectResult",
    "Duplicate",
    "Failure",
    "collect_articles",
    "decode_bytes",
    "extract_article",
    "load_article",
    "looks_like_html",
]
