"""news-agent: read foreign-language news from the terminal with an LLM."""

__version__ = "0.2.0"
