"""Result snippets with the matched words in ``<mark>``, built from escaped text.

The text shown is the article's own (diacritics and all); a word is marked when its stem
(``search.analysis``) is one of the query's, so «بالمغرب» is marked for a search for
«المغرب». Every piece of text is escaped before it is joined with the ``<mark>`` tags we
write ourselves, so the result is safe to mark as such.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import html_to_text, keys_of

# A displayed word: letters and digits, with any Arabic diacritics and tatweel inside it.
_DISPLAY_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])+")
#: Words shown before the first match and in total.
WORDS_BEFORE = 12
SNIPPET_WORDS = 40
#: Only the start of a long body (in HTML characters) is scanned for a match.
MAX_SCANNED_CHARS = 30_000
ELLIPSIS = "…"


def highlight(text: str, terms: Collection[str]) -> SafeString:
    """The whole text, escaped, with the words whose stem is in ``terms`` marked."""
    return _render(text, list(_DISPLAY_WORD.finditer(text)), 0, None, terms)


def snippet(article, terms: Collection[str]) -> SafeString:
    """A short passage of the excerpt or body around the first match, marked and escaped.

    Falls back to the start of the excerpt (or body) when the match was in the title,
    the tags or the authors. Only the start of a long body is scanned.
    """
    body = (article.body or "")[:MAX_SCANNED_CHARS]
    if body.rfind("<") > body.rfind(">"):
        body = body[: body.rfind("<")]  # do not show half a tag cut at the limit
    sources = [article.excerpt or "", html_to_text(body)]
    for text in sources:
        matches: list[re.Match] = []
        first = None
        for match in _DISPLAY_WORD.finditer(text):
            matches.append(match)
            if first is None and not keys_of(match.group()).isdisjoint(terms):
                first = len(matches) - 1
            if first is not None and len(matches) > first + SNIPPET_WORDS:
                break  # enough words after the match; the rest is cut anyway
        if first is not None:
            start = max(0, first - WORDS_BEFORE)
            return _render(text, matches, start, start + SNIPPET_WORDS, terms, more=True)
    text = next((t for t in sources if t.strip()), "")
    matches = []
    for match in _DISPLAY_WORD.finditer(text):
        matches.append(match)
        if len(matches) > SNIPPET_WORDS:
            break
    return _render(text, matches, 0, SNIPPET_WORDS, terms, more=True)


def _render(
    text: str, matches: list[re.Match], start: int, end: int | None, terms, more: bool = False
) -> SafeString:
    """Escape ``text`` from word ``start`` to word ``end`` and mark the matching words.

    ``matches`` may stop early (``more``): then text after the last listed word is only
    shown if no word follows it.
    """
    if not matches:
        return mark_safe(escape(text.strip()))  # noqa: S308  (escaped right here)
    end = len(matches) if end is None else min(end, len(matches))
    window = matches[start:end]
    begin = window[0].start() if start > 0 else 0
    cut = end < len(matches) or (more and _DISPLAY_WORD.search(text, window[-1].end()))
    finish = window[-1].end() if cut else len(text)
    pieces: list[str] = [ELLIPSIS + " "] if start > 0 else []
    cursor = begin
    for match in window:
        if not keys_of(match.group()).isdisjoint(terms):
            pieces.append(escape(text[cursor : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            cursor = match.end()
    pieces.append(escape(text[cursor:finish]))
    if cut:
        pieces.append(" " + ELLIPSIS)
    # Every piece of the input text went through escape() above.
    return mark_safe("".join(pieces).strip())  # noqa: S308
