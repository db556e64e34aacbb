"""Reads the demo newsroom from its data files (``demo/data``).

- ``sections.toml``, ``authors.toml``, ``ticker.toml``, ``pages.toml``: tables of TOML.
- ``articles/NN-section.md``: one story per file, TOML front matter between ``+++`` lines,
  then the body: paragraphs separated by blank lines, ``## `` for a subheading.

Writers edit these files; nothing here is Python string literals.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.html import escape

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class DemoArticle:
    key: str  # the file's stem, e.g. "01-politics"
    seed: int  # draws its photos (stable from one run to the next)
    meta: dict
    paragraphs: list[str] = field(default_factory=list)

    def body_html(self) -> str:
        """The body as the editor would store it: escaped paragraphs and subheadings."""
        return "\n".join(
            f"<h2>{escape(p[3:].strip())}</h2>" if p.startswith("## ") else f"<p>{escape(p)}</p>"
            for p in self.paragraphs
        )


def _table(name: str, key: str) -> list[dict]:
    with (DATA / name).open("rb") as fh:
        return tomllib.load(fh)[key]


def sections() -> list[dict]:
    return _table("sections.toml", "section")


def authors() -> list[dict]:
    return _table("authors.toml", "author")


def headlines() -> list[dict]:
    return _table("ticker.toml", "headline")


def pages() -> list[dict]:
    return _table("pages.toml", "page")


def paragraphs_html(text: str) -> str:
    """Plain text with blank lines between paragraphs and ``## `` subheadings, as HTML."""
    blocks = [" ".join(block.split("\n")).strip() for block in text.split("\n\n")]
    return DemoArticle("", 0, {}, [b for b in blocks if b]).body_html()


def parse_article(path: Path, seed: int) -> DemoArticle:
    text = path.read_text(encoding="utf-8")
    opening, front, body = text.split("+++\n", 2)
    if opening.strip():
        raise ValueError(f"{path.name}: the file must start with +++ front matter")
    paragraphs = [" ".join(block.split("\n")).strip() for block in body.split("\n\n")]
    return DemoArticle(
        key=path.stem, seed=seed, meta=tomllib.loads(front), paragraphs=[p for p in paragraphs if p]
    )


def articles() -> list[DemoArticle]:
    paths = sorted((DATA / "articles").glob("*.md"))
    return [parse_article(path, seed) for seed, path in enumerate(paths)]
