"""Building search documents, for one article or for all of them.

One function, :func:`index_articles`, turns articles into :class:`SearchDocument` rows: it
reads the articles and their tags and authors in three queries per batch, analyses the
text in Python (``search.analysis``) and upserts the documents in one statement; on
PostgreSQL that statement also computes their ``tsvector`` with the ``arabic``
configuration (``SearchVector`` over the analysed text, passed as parameters). The
signals, the queue consumer run by each search, and ``rebuild_search_index`` all call it.

Only a newer (or the same) version of an article may overwrite its document: the upsert
updates a row only ``WHERE stored article_version <= new article_version``, decided by the
database at write time. So a search that read an article's old text, then lost the race
to an editor's save (whose signal indexed the new text), leaves the new document alone.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.contrib.postgres.search import SearchVector
from django.db import DatabaseError, connection, transaction
from django.db.models import Max, Value, sql
from django.utils import timezone

from articles.models import Article, TaggedArticle

from .analysis import html_to_text, index_text
from .models import PendingArticle, SearchDocument

logger = logging.getLogger(__name__)

#: The text search configuration used for documents and queries on PostgreSQL.
SEARCH_CONFIG = "arabic"
#: Articles analysed per round trip.
BATCH_SIZE = 500
#: Queued articles a search request processes before answering (see ``process_queue``).
QUEUE_BATCH = 25
#: Articles re-indexed synchronously when a tag or an author is renamed; beyond this the
#: database queue (filled by the same rename) finishes the job.
RENAME_SYNC_LIMIT = 500

_TEXT_FIELDS = ["title_text", "excerpt_text", "meta_text", "body_text"]


def uses_vector() -> bool:
    """True when the database keeps a tsvector (PostgreSQL)."""
    return connection.vendor == "postgresql"


def _weighted(text: str, weight: str) -> SearchVector:
    # The analysed text is a parameter (Value), so the vector is computed by the INSERT
    # itself: one write per document, no second UPDATE leaving a dead row behind.
    return SearchVector(Value(text), weight=weight, config=SEARCH_CONFIG)


def head_vector(document: SearchDocument) -> SearchVector:
    """The ranked part of a document: A title, B excerpt, tags and authors."""
    return _weighted(document.title_text, "A") + _weighted(
        f"{document.excerpt_text} {document.meta_text}", "B"
    )


def document_vector(document: SearchDocument) -> SearchVector:
    """The matched document: the head plus the body, weighted C."""
    return head_vector(document) + _weighted(document.body_text, "C")


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def index_articles(article_ids: Iterable[int]) -> int:
    """(Re)build the documents of these articles; ids of deleted articles are skipped.

    Returns the number of documents offered. Safe to run concurrently: documents are
    upserted, and a document is never replaced by one read from an older article version.
    """
    ids = sorted({int(i) for i in article_ids})
    written = 0
    for batch in _chunks(ids, BATCH_SIZE):
        written += _index_batch(batch)
    return written


def _index_batch(ids: list[int], force: bool = False) -> int:
    meta: dict[int, list[str]] = defaultdict(list)
    tag_rows = TaggedArticle.objects.filter(content_object_id__in=ids).values_list(
        "content_object_id", "tag__name"
    )
    author_rows = Article.authors.through.objects.filter(article_id__in=ids).values_list(
        "article_id", "author__name"
    )
    for article_id, name in [*tag_rows, *author_rows]:
        meta[article_id].append(name)

    now = timezone.now()
    rows = Article.objects.filter(pk__in=ids).values(
        "id", "version", "title", "excerpt", "body", "published_at"
    )
    documents = [
        SearchDocument(
            article_id=row["id"],
            title_text=index_text(row["title"]),
            excerpt_text=index_text(row["excerpt"]),
            # One name per line: the tokeniser treats names as separate words anyway.
            meta_text=index_text("\n".join(meta.get(row["id"], []))),
            body_text=index_text(html_to_text(row["body"])),
            published_at=row["published_at"],
            article_version=row["version"],
            updated_at=now,
        )
        for row in rows
    ]
    if not documents:
        return 0
    _upsert(documents, force)
    return len(documents)


def _upsert(documents: list[SearchDocument], force: bool) -> None:
    """Insert or update documents in one statement, never replacing a newer version.

    ``bulk_create(update_conflicts=True)`` cannot add a condition to ``ON CONFLICT … DO
    UPDATE``, so the statement is written here (both databases support the clause); the
    values are parameters and the vector expressions are compiled by Django from the same
    ``SearchVector`` definitions the queries use. ``force`` (the full rebuild) writes
    whatever it read, so it also repairs a document after a version went backwards
    (a raw restore of an old row).
    """
    opts = SearchDocument._meta
    quote = connection.ops.quote_name
    names = ["article", "article_version", "published_at", "updated_at", *_TEXT_FIELDS]
    fields = [opts.get_field(name) for name in names]
    columns = [field.column for field in fields]
    vectors = uses_vector()
    if vectors:
        columns += [opts.get_field("vector").column, opts.get_field("head_vector").column]
    query = sql.Query(SearchDocument)
    compiler = query.get_compiler(connection=connection)
    rows_sql, params = [], []
    for document in documents:
        placeholders = ["%s"] * len(fields)
        params += [f.get_db_prep_save(f.value_from_object(document), connection) for f in fields]
        if vectors:
            for expression in (document_vector(document), head_vector(document)):
                vector_sql, vector_params = compiler.compile(expression.resolve_expression(query))
                placeholders.append(vector_sql)
                params += vector_params
        rows_sql.append("(" + ", ".join(placeholders) + ")")
    table, key, version = quote(opts.db_table), quote(columns[0]), quote(columns[1])
    updates = ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in columns[1:])
    guard = "" if force else f" WHERE {table}.{version} <= EXCLUDED.{version}"
    statement = (
        f"INSERT INTO {table} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"VALUES {', '.join(rows_sql)} ON CONFLICT ({key}) DO UPDATE SET {updates}{guard}"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def index_article(article_id: int) -> None:
    """Rebuild one article's document now and drop it from the queue."""
    index_articles([article_id])
    PendingArticle.objects.filter(article_id=article_id).delete()


def process_queue(limit: int = QUEUE_BATCH) -> int:
    """Index up to ``limit`` queued articles (one query when none wait).

    Indexing errors are logged, not raised: a search must still answer.

    Only the queue rows that were read are deleted, so a change queued meanwhile is
    processed next time. Returns the number of articles indexed.
    """
    queued = PendingArticle.objects.order_by("id").values_list("id", "article_id")
    rows = list(queued[:limit])
    if not rows:
        return 0
    try:
        with transaction.atomic():
            article_ids = {article_id for _, article_id in rows}
            index_articles(article_ids)
            PendingArticle.objects.filter(id__in=[row_id for row_id, _ in rows]).delete()
            return len(article_ids)
    except DatabaseError:
        logger.exception("Could not process the search queue; searching without it")
        return 0


def rebuild_all(batch_size: int = BATCH_SIZE, progress=None) -> int:
    """Rebuild every article's document (the ``rebuild_search_index`` command).

    Queue rows that existed when the rebuild started are dropped at the end: the rebuild
    read every article after they were written.
    """
    high_water = PendingArticle.objects.aggregate(m=Max("id"))["m"]
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    done = 0
    for batch in _chunks(ids, batch_size):
        with transaction.atomic():
            done += _index_batch(batch, force=True)
        if progress:
            progress(done, len(ids))
    if high_water is not None:
        PendingArticle.objects.filter(id__lte=high_water).delete()
    return done
