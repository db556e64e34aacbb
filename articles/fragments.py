"""Parts of pages that change only when what readers may see changes, kept in the shared
cache (Redis in production; never process memory, so any number of processes agree).

Every such fragment's key carries the **generation** of the published content, one small
entry in the cache. The generation is replaced, after the transaction commits, whenever an
article is saved or deleted (published, updated, unpublished, archived) or a section
changes (``articles.signals``); every fragment is then missed and rebuilt on its next
request, so a reader never sees a page part from before a publish.

Scheduled stories become visible without any save: the generation also records when the
next scheduled story goes live (one indexed query when it is made), and the first request
after that moment replaces it. Fragments also expire on their own (``FRAGMENT_SECONDS``),
so a view counter («most read») moves on without a publish.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.utils import timezone

GENERATION_KEY = "fragments:generation"
#: How long a fragment lives at most, generation or not.
FRAGMENT_SECONDS = 300

T = TypeVar("T")

# A page asks for the generation several times (each fragment, the template's cache
# tags); within one request it is read from the cache once. Outside a request (commands,
# tasks) every call reads it. A context variable, not a thread-local: under ASGI the
# signals run in a copied context, so the memo is simply off there, never shared.
_memo: ContextVar[dict | None] = ContextVar("fragments_generation", default=None)


def _request_started(**kwargs) -> None:
    _memo.set({})


def _request_finished(**kwargs) -> None:
    _memo.set(None)


request_started.connect(_request_started)
request_finished.connect(_request_finished)


def _new_generation() -> tuple[str, datetime | None]:
    from .models import Article

    upcoming = Article.objects.scheduled().order_by("published_at").values_list("published_at")[:1]
    next_publication = upcoming[0][0] if upcoming else None
    return secrets.token_hex(6), next_publication


def generation() -> str:
    """The current generation (one cache read), starting a new one when a scheduled story
    has gone live since it began."""
    memo = _memo.get()
    if memo is not None and "token" in memo:
        return memo["token"]
    current = cache.get(GENERATION_KEY)
    if current is None or (current[1] is not None and current[1] <= timezone.now()):
        current = _new_generation()
        cache.set(GENERATION_KEY, current, None)
    if memo is not None:
        memo["token"] = current[0]
    return current[0]


def bump() -> None:
    """Start a new generation: every fragment built before is missed from now on."""
    cache.set(GENERATION_KEY, _new_generation(), None)
    memo = _memo.get()
    if memo is not None:
        memo.pop("token", None)


def cached(name: str, build: Callable[[], T], seconds: int = FRAGMENT_SECONDS) -> T:
    """``build()``'s value for this generation, from the shared cache when there.

    ``None`` is never kept (a missing article: unknown addresses must not fill the cache).
    """
    key = f"fragments:{generation()}:{name}"
    value: Any = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, seconds)
    return value


def sections_menu() -> list:
    """Every section in menu order (the sections menu, the home's section blocks)."""
    from .models import Category

    def build() -> list:
        sections = list(Category.objects.all())
        for section in sections:
            section.menu_url = section.get_absolute_url()
        return sections

    return cached("menu", build)
