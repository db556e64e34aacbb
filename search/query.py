"""The search itself: a reader's words in, an ordered queryset of visible articles out.

Both databases answer the same question the same way:

* visibility comes only from ``Article.objects.published()``;
* an article is a result if it matches at least one unit of the query (a word, or a
  quoted phrase; a word also matches through its alternates, see
  ``analysis.alternates``); articles matching every unit come first;
* then relevance: title matches above excerpt, tag and author matches, above body
  matches; then the newest first.

PostgreSQL matches the stored ``tsvector`` (GIN indexes) with ``SearchQuery`` objects
built from the analysed words and passed as parameters, and ranks a bounded set of
candidates with ``SearchRank`` (see ``_postgres``). SQLite matches whole stems in the
stored, space-padded stem columns (``LIKE`` with parameters) and ranks with a weighted
sum computed in SQL. No SQL or tsquery text is ever built from the query by string
concatenation.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.utils import timezone

from articles.models import Article

from .analysis import Form, ParsedQuery, parse_query
from .indexing import SEARCH_CONFIG, process_queue, uses_vector
from .models import SearchDocument

#: On PostgreSQL, at most this many of each kind of match are ranked (see _postgres).
CANDIDATES = 300
#: Where the most recent matches are looked for first (see _most_recent); None: everywhere.
CANDIDATE_WINDOWS = (timedelta(days=30), timedelta(days=365), None)
#: How many of the first window's newest matches one lookup reads (see _newest_together).
TOGETHER = 4 * (CANDIDATES + 1)
#: Weights of the fields on SQLite; a title match outweighs all other fields together.
FIELD_WEIGHTS = (("title_text", 8), ("excerpt_text", 3), ("meta_text", 3), ("body_text", 1))


@dataclass(frozen=True)
class SearchResults:
    """The parsed query and the ordered, not yet evaluated, queryset of results."""

    query: ParsedQuery
    articles: QuerySet[Article]
    #: PostgreSQL ranked only the most recent matches (see ``_postgres``).
    more_matches: bool = False

    def fetch(self, start: int = 0, stop: int | None = None) -> list[Article]:
        """The results from ``start`` to ``stop``, in order."""
        with _planner_settings():
            return list(self.articles[start:stop])

    def page(self, number: int, size: int) -> tuple[list[Article], int, bool]:
        """One page of results, their total and whether more matched, in one query.

        The third value is true when PostgreSQL ranked only the most recent matches
        (see ``_postgres``): the total is then a lower bound.
        """
        # Ranking, counting and sorting carry every candidate row: leave the bodies out
        # and fetch the page's bodies (for the snippets) in one more small query.
        counted = self.articles.defer("body").annotate(total_results=Window(Count("pk")))
        with _planner_settings():
            rows = list(counted[(number - 1) * size : number * size])
            if not rows:  # past the end (or nothing at all): say how many there are
                return rows, (self.articles.count() if number > 1 else 0), False
        bodies = dict(Article.objects.filter(pk__in=[a.pk for a in rows]).values_list("pk", "body"))
        for article in rows:
            article.body = bodies.get(article.pk, "")
        return rows, rows[0].total_results, self.more_matches


def search_articles(raw_query: str) -> SearchResults:
    """Search the published articles for what a reader typed. Never raises on bad input.

    Before searching, up to ``indexing.QUEUE_BATCH`` articles changed by paths that skip
    ``save()`` are re-indexed (one cheap query when nothing is waiting).
    """
    query = parse_query(raw_query)
    if not query:
        return SearchResults(query, Article.objects.none())
    process_queue()
    articles = Article.objects.published().select_related("category")
    more_matches = False
    if uses_vector():
        articles, more_matches = _postgres(articles, query)
    else:
        articles = _portable(articles, query)
    ordering = [F("rank").desc(nulls_last=True), "-published_at", "-id"]
    if len(query.units) > 1:
        ordering.insert(0, F("all_units").desc())
    return SearchResults(query, articles.order_by(*ordering), more_matches)


def _tsquery(form: Form) -> SearchQuery:
    # The stems are a parameter of plainto_tsquery/phraseto_tsquery, never tsquery syntax.
    search_type = "phrase" if len(form) > 1 else "plain"
    return SearchQuery(" ".join(form), config=SEARCH_CONFIG, search_type=search_type)


def _postgres(articles: QuerySet[Article], query: ParsedQuery) -> tuple[QuerySet[Article], bool]:
    """Bounded candidates from the GIN indexes, then exact ranking of those; and whether
    more documents matched than were taken.

    The candidates are, per kind of match, the CANDIDATES most recent documents that
    match in the title/excerpt/tags/authors, that match anywhere, and (for several units)
    that match every unit: a UNION of three small GIN lookups. The articles are the visible
    ones among them, ranked with ``SearchRank`` on the small head vector (title A,
    excerpt/tags/authors B; a body-only match ranks 0, so recency orders those).

    For a rare query the candidates are all the matches, so the ranking is exact; for a
    word found in tens of thousands of articles, only the most recent matches of each kind
    are ranked (and "has every unit" means: among the most recent such matches), which
    keeps every search a bounded amount of work. Evaluate the queryset through
    :meth:`SearchResults.page` or :meth:`SearchResults.fetch` (planner settings).
    """
    # A unit is satisfied by any of its forms; only its first (as typed) form earns rank,
    # so articles found through an alternate come after those found as typed.
    units = [reduce(operator.or_, (_tsquery(form) for form in unit)) for unit in query.units]
    any_unit = reduce(operator.or_, units)
    as_typed = reduce(operator.or_, (_tsquery(unit[0]) for unit in query.units))

    matches = {"head": Q(head_vector=any_unit), "any": Q(vector=any_unit)}
    if len(units) > 1:
        matches["all"] = Q(vector=reduce(operator.and_, units))
    # One more than is ranked: a kind that fills it had more matches than were taken, and
    # the results are then the best of the recent (asking the GIN index for an offset
    # instead was one more pass over every match of a common word).
    with _planner_settings():
        found, pending, read_all = _newest_together(matches, limit=CANDIDATES + 1)
        if pending:  # rare words, or narrower kinds thin among the newest matches
            windows = CANDIDATE_WINDOWS[1:] if read_all else CANDIDATE_WINDOWS
            found |= _most_recent(pending, limit=CANDIDATES + 1, windows=windows)
    more_matches = len(found["any"]) > CANDIDATES
    candidates = {kind: ids[:CANDIDATES] for kind, ids in found.items()}
    articles = articles.filter(pk__in={pk for ids in candidates.values() for pk in ids})
    articles = articles.annotate(rank=SearchRank(F("search_document__head_vector"), as_typed))
    if len(units) == 1:
        return articles, more_matches  # every match has the one unit
    all_units = Case(
        When(pk__in=candidates["all"], then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return articles.annotate(all_units=all_units), more_matches


def _newest_together(
    matches: dict[str, Q], limit: int
) -> tuple[dict[str, list[int]], dict[str, Q], bool]:
    """The first window's candidates of every kind from one GIN lookup, where it can.

    Every kind of match is narrower than ``any`` (a title or an every-unit match is a
    match anywhere), so the newest ``TOGETHER`` matches anywhere in the first window,
    each flagged with the narrower kinds it satisfies, hold the newest ``limit`` of every
    kind that has that many among them: the same candidates as one lookup per kind. A
    GIN lookup reads the word's whole posting list, however many matches the window
    keeps (49,000 entries for a word in one title of twenty, at a million articles); one
    lookup instead of two or three keeps that part of a search small.

    Returns the kinds found, the kinds still to look for (``_most_recent``), and whether
    every match of the window was read (they then start at the next window).
    """
    narrower = {name: match for name, match in matches.items() if name != "any"}
    flags = {
        f"in_{name}": ExpressionWrapper(match, output_field=BooleanField())
        for name, match in narrower.items()
    }
    rows = list(
        SearchDocument.objects.filter(
            matches["any"], published_at__gte=timezone.now() - CANDIDATE_WINDOWS[0]
        )
        .order_by(F("published_at").desc(nulls_last=True), "-article_id")
        .annotate(**flags)
        .values_list("article_id", *flags)[:TOGETHER]
    )
    found: dict[str, list[int]] = {}
    pending: dict[str, Q] = {}
    for column, name in enumerate(["any", *narrower]):
        ids = [row[0] for row in rows if column == 0 or row[column]][:limit]
        if len(ids) >= limit:
            found[name] = ids
        else:
            pending[name] = matches[name]
    return found, pending, len(rows) < TOGETHER


def _most_recent(
    matches: dict[str, Q],
    limit: int | None = None,
    everywhere: frozenset[str] = frozenset(),
    windows: tuple[timedelta | None, ...] = CANDIDATE_WINDOWS,
) -> dict[str, list[int]]:
    """The ``CANDIDATES`` most recent documents of each kind of match, by widening windows.

    A GIN index gives every match, in no order: taking the most recent 300 of 50,000
    matches of a common word visited all 50,000 rows (400 ms at a million articles). In a
    window of recent documents the GIN bitmap is ANDed with a range of the
    ``published_at`` index, so only the window's matches are visited; a kind with fewer
    than ``CANDIDATES`` matches there is looked up again in the next, wider window, the
    last one unbounded (rare words). The result is the same set as a search of everything;
    one query per window, each kind a part of its ``UNION ALL``. Kinds named in
    ``everywhere`` (documents without a date, which no window holds) are looked up unbounded
    in the first query.
    """
    limit = limit or CANDIDATES
    found: dict[str, list[int]] = {}
    pending = dict(matches)
    now = timezone.now()
    for window in windows:
        parts = []
        for name, match in pending.items():
            documents = SearchDocument.objects.filter(match)
            if window is not None and name not in everywhere:
                documents = documents.filter(published_at__gte=now - window)
            parts.append(
                documents.order_by(F("published_at").desc(nulls_last=True), "-article_id")
                .annotate(kind=Value(name))
                .values_list("kind", "article_id")[:limit]
            )
        rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        taken: dict[str, list[int]] = {name: [] for name in pending}
        for name, article_id in rows:
            taken[name].append(article_id)
        for name, ids in taken.items():
            if window is None or len(ids) >= limit or name in everywhere:
                found[name] = ids
                del pending[name]
        if not pending:
            break
    return found


@contextmanager
def _planner_settings() -> Iterator[None]:
    """On PostgreSQL, evaluate a search with sequential scans disabled.

    The planner does not count the cost of decompressing a stored vector to test it row
    by row, so for common words it may prefer that to the GIN index, and be ten times
    slower. ``SET LOCAL`` limits the setting to a transaction (a savepoint when one is
    already open), rolled back at the end: it only read.
    """
    if not uses_vector():
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        transaction.set_rollback(True)


def _contains(field: str, form: Form) -> Q:
    # Stored columns are " stem stem ... " so padding the needle matches whole stems only;
    # Django escapes LIKE wildcards and passes the value as a parameter.
    return Q(**{f"search_document__{field}__contains": f" {' '.join(form)} "})


def _portable(articles: QuerySet[Article], query: ParsedQuery) -> QuerySet[Article]:
    in_any_field = [
        reduce(operator.or_, (_contains(f, form) for f, _ in FIELD_WEIGHTS for form in unit))
        for unit in query.units
    ]
    rank = reduce(
        operator.add,
        (
            Case(When(_contains(field, unit[0]), then=Value(weight)), default=Value(0))
            for unit in query.units
            for field, weight in FIELD_WEIGHTS
        ),
    )
    articles = articles.filter(reduce(operator.or_, in_any_field)).annotate(rank=rank)
    if len(query.units) == 1:
        return articles
    return articles.annotate(
        all_units=Case(
            When(reduce(operator.and_, in_any_field), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    )
