"""The invented newsroom of the relevance tests, read from ``corpus.toml`` beside this file.

``AUTHORS``: key → name; ``ARTICLES``: key → title, excerpt, body, tags, authors (keys of
``AUTHORS``), age in days; ``HIDDEN``: key → title, status; ``QUERIES``: (query, keys of
the stories that must come first, whether their order matters).
"""

import tomllib
from pathlib import Path

_CORPUS = tomllib.loads(Path(__file__).with_name("corpus.toml").read_text("utf-8"))

AUTHORS: dict[str, str] = _CORPUS["authors"]
ARTICLES: dict[str, dict] = _CORPUS["articles"]
HIDDEN: dict[str, dict] = _CORPUS["hidden"]
QUERIES: list[tuple[str, tuple[str, ...], bool]] = [
    (entry["query"], tuple(entry["first"]), entry.get("ordered", False))
    for entry in _CORPUS["relevance"]["queries"]
]
