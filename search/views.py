"""The public search page: ``/search/?q=...&page=N``."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString

from articles.models import Article

from .highlight import highlight, snippet
from .query import SearchResults, search_articles

PAGE_SIZE = 20
#: Pages beyond this are not served (a crawler's ?page=999999 costs one cheap query).
MAX_PAGE = 500


@dataclass(frozen=True)
class Hit:
    """One result as the template shows it: the article and its marked-up title and text."""

    article: Article
    title: SafeString
    snippet: SafeString


class CountedPaginator(Paginator):
    """A paginator told its count, so the count is not a second query."""

    def __init__(self, count: int, per_page: int) -> None:
        super().__init__([], per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


def _page_number(value: str | None) -> int:
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return min(max(number, 1), MAX_PAGE)


def paginate(results: SearchResults, page: str | None) -> tuple[Page, int, bool]:
    """The requested page, the total and whether it is a lower bound, in one query.

    A page past the end gives the last page, like ``Paginator.get_page``.
    """
    number = _page_number(page)
    rows, total, capped = results.page(number, PAGE_SIZE)
    if not rows and total:
        number = math.ceil(min(total, MAX_PAGE * PAGE_SIZE) / PAGE_SIZE)
        rows, total, capped = results.page(number, PAGE_SIZE)
    # Pages past MAX_PAGE are not offered, whatever the total.
    paginator = CountedPaginator(min(total, MAX_PAGE * PAGE_SIZE), PAGE_SIZE)
    return Page(rows, max(number, 1), paginator), total, capped


def search(request: HttpRequest) -> HttpResponse:
    """Results for ``q``, 20 a page; any input gives a results or an empty-results page."""
    results = search_articles(request.GET.get("q", ""))
    page_obj, total, capped = None, 0, False
    hits: list[Hit] = []
    if results.query:
        page_obj, total, capped = paginate(results, request.GET.get("page"))
        terms = results.query.highlight
        hits = [Hit(a, highlight(a.title, terms), snippet(a, terms)) for a in page_obj]
    context = {
        "query": results.query.text,
        "page_obj": page_obj,
        "hits": hits,
        "total": total,
        "more_matches": capped,
    }
    return render(request, "search/results.html", context)
