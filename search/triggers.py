"""Database objects the ORM does not manage: triggers that queue changed articles, and on
PostgreSQL the GIN index of the search vectors and the storage settings of their table.

The triggers insert an article id into ``search_pendingarticle`` whenever anything changes
what its search document is made of, by any path: an article's title, excerpt, body or
publication time (insert or update), its tags or authors (link rows inserted, changed or
deleted), or the name of one of its tags or authors. They are deliberately dumb (no text
processing in SQL): the normalisation lives in Python, once (``search.analysis``).

:func:`install` is idempotent. It runs from the migration and again after every
``migrate`` (``post_migrate``), because SQLite drops a table's triggers when Django
rebuilds that table to alter it.
"""

# The SQL below is assembled from table and column names read from the models and quoted
# by the database backend; no value from a request ever reaches it.
# ruff: noqa: S608

from __future__ import annotations

from django.apps import apps as global_apps
from django.db.backends.base.base import BaseDatabaseWrapper

# SQLite has one trigger per event; PostgreSQL one per table and kind of change.
TRIGGER_NAMES = [
    "search_article_inserted",
    "search_article_changed",
    "search_article_authors_added",
    "search_article_authors_removed",
    "search_article_authors_updated",
    "search_tagged_added",
    "search_tagged_removed",
    "search_tagged_updated",
    "search_author_renamed",
    "search_tag_renamed",
]
PG_TRIGGER_NAMES = [
    "search_article_inserted",
    "search_article_changed",
    "search_article_authors_changed",
    "search_tagged_changed",
    "search_author_renamed",
    "search_tag_renamed",
]
GIN_INDEX = "search_document_vector_gin"
HEAD_GIN_INDEX = "search_document_head_gin"
#: The editors' title search in the admin (``search.admin_search``): the title's stems
#: alone, as the expression ``SearchVector("title_text", config="arabic")`` compiles to.
TITLE_GIN_INDEX = "search_document_title_gin"
#: The same, for documents without a date only (drafts, stories in review): the admin's
#: search looks them up apart, and a newsroom has few of them among a million stories.
UNDATED_TITLE_GIN_INDEX = "search_document_undated_title_gin"


def _names(apps, connection: BaseDatabaseWrapper) -> dict[str, str]:
    """Quoted table and column names, read from the models rather than hard-coded."""
    q = connection.ops.quote_name
    article = apps.get_model("articles", "Article")
    authors = article._meta.get_field("authors").remote_field.through
    tagged = apps.get_model("articles", "TaggedArticle")
    author = apps.get_model("articles", "Author")
    tag = apps.get_model("articles", "Tag")
    document = apps.get_model("search", "SearchDocument")
    pending = apps.get_model("search", "PendingArticle")

    def col(model, name: str) -> str:
        return q(model._meta.get_field(name).column)

    return {
        "pending": q(pending._meta.db_table),
        "pending_article": col(pending, "article_id"),
        "document": q(document._meta.db_table),
        "vector": col(document, "vector"),
        "head_vector": col(document, "head_vector"),
        "title_text": col(document, "title_text"),
        "document_published_at": col(document, "published_at"),
        "article": q(article._meta.db_table),
        "article_id": col(article, "id"),
        "title": col(article, "title"),
        "excerpt": col(article, "excerpt"),
        "body": col(article, "body"),
        "published_at": col(article, "published_at"),
        "authors": q(authors._meta.db_table),
        "authors_article": col(authors, "article"),
        "authors_author": col(authors, "author"),
        "tagged": q(tagged._meta.db_table),
        "tagged_article": col(tagged, "content_object"),
        "tagged_tag": col(tagged, "tag"),
        "author": q(author._meta.db_table),
        "author_id": col(author, "id"),
        "author_name": col(author, "name"),
        "tag": q(tag._meta.db_table),
        "tag_id": col(tag, "id"),
        "tag_name": col(tag, "name"),
        # Plain (unquoted) names for PL/pgSQL's format('%I').
        "authors_raw": authors._meta.db_table,
        "authors_article_raw": authors._meta.get_field("article").column,
        "authors_author_raw": authors._meta.get_field("author").column,
        "tagged_raw": tagged._meta.db_table,
        "tagged_article_raw": tagged._meta.get_field("content_object").column,
        "tagged_tag_raw": tagged._meta.get_field("tag").column,
    }


def _sqlite(n: dict[str, str]) -> list[str]:
    queue = "INSERT INTO {pending} ({pending_article}) VALUES ".format(**n)
    text_changed = (
        "OLD.{title} IS NOT NEW.{title} OR OLD.{excerpt} IS NOT NEW.{excerpt} "
        "OR OLD.{body} IS NOT NEW.{body} OR OLD.{published_at} IS NOT NEW.{published_at}"
    ).format(**n)
    return [
        f"CREATE TRIGGER IF NOT EXISTS search_article_inserted AFTER INSERT ON {n['article']} "
        f"BEGIN {queue}(NEW.{n['article_id']}); END",
        f"CREATE TRIGGER IF NOT EXISTS search_article_changed "
        f"AFTER UPDATE OF {n['title']}, {n['excerpt']}, {n['body']}, {n['published_at']} "
        f"ON {n['article']} "
        f"WHEN {text_changed} BEGIN {queue}(NEW.{n['article_id']}); END",
        *_sqlite_link("search_article_authors", n["authors"], n["authors_article"], queue),
        *_sqlite_link("search_tagged", n["tagged"], n["tagged_article"], queue),
        f"CREATE TRIGGER IF NOT EXISTS search_author_renamed AFTER UPDATE OF {n['author_name']} "
        f"ON {n['author']} WHEN OLD.{n['author_name']} IS NOT NEW.{n['author_name']} "
        f"BEGIN INSERT INTO {n['pending']} ({n['pending_article']}) "
        f"SELECT {n['authors_article']} FROM {n['authors']} "
        f"WHERE {n['authors_author']} = NEW.{n['author_id']}; END",
        f"CREATE TRIGGER IF NOT EXISTS search_tag_renamed AFTER UPDATE OF {n['tag_name']} "
        f"ON {n['tag']} WHEN OLD.{n['tag_name']} IS NOT NEW.{n['tag_name']} "
        f"BEGIN INSERT INTO {n['pending']} ({n['pending_article']}) "
        f"SELECT {n['tagged_article']} FROM {n['tagged']} "
        f"WHERE {n['tagged_tag']} = NEW.{n['tag_id']}; END",
    ]


def _sqlite_link(prefix: str, table: str, column: str, queue: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {prefix}_added AFTER INSERT ON {table} "
        f"BEGIN {queue}(NEW.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {prefix}_removed AFTER DELETE ON {table} "
        f"BEGIN {queue}(OLD.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {prefix}_updated AFTER UPDATE ON {table} "
        f"BEGIN {queue}(OLD.{column}); {queue}(NEW.{column}); END",
    ]


def _postgresql(n: dict[str, str]) -> list[str]:
    text_changed = (
        "OLD.{title} IS DISTINCT FROM NEW.{title} OR OLD.{excerpt} IS DISTINCT FROM "
        "NEW.{excerpt} OR OLD.{body} IS DISTINCT FROM NEW.{body} "
        "OR OLD.{published_at} IS DISTINCT FROM NEW.{published_at}"
    ).format(**n)
    return [
        f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON {n['document']} USING gin ({n['vector']})",
        f"CREATE INDEX IF NOT EXISTS {HEAD_GIN_INDEX} ON {n['document']} "
        f"USING gin ({n['head_vector']})",
        f"CREATE INDEX IF NOT EXISTS {TITLE_GIN_INDEX} ON {n['document']} "
        f"USING gin (to_tsvector('arabic'::regconfig, COALESCE({n['title_text']}, '')))",
        f"CREATE INDEX IF NOT EXISTS {UNDATED_TITLE_GIN_INDEX} ON {n['document']} "
        f"USING gin (to_tsvector('arabic'::regconfig, COALESCE({n['title_text']}, ''))) "
        f"WHERE {n['document_published_at']} IS NULL",
        # Keep rows short: texts and vectors move to TOAST, so that picking the most
        # recent of twenty thousand GIN matches reads a few thousand small rows; vectors
        # are only decompressed for the few hundred candidates that are ranked.
        f"ALTER TABLE {n['document']} SET (toast_tuple_target = 128)",
        f"""
        CREATE OR REPLACE FUNCTION search_queue_article() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {n["pending"]} ({n["pending_article"]}) VALUES (NEW.{n["article_id"]});
            RETURN NULL;
        END $$""",
        # TG_ARGV[0]: the link table's column holding the article id.
        f"""
        CREATE OR REPLACE FUNCTION search_queue_link() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP <> 'INSERT' THEN
                INSERT INTO {n["pending"]} ({n["pending_article"]})
                VALUES ((to_jsonb(OLD) ->> TG_ARGV[0])::bigint);
            END IF;
            IF TG_OP <> 'DELETE' THEN
                INSERT INTO {n["pending"]} ({n["pending_article"]})
                VALUES ((to_jsonb(NEW) ->> TG_ARGV[0])::bigint);
            END IF;
            RETURN NULL;
        END $$""",
        # TG_ARGV: link table, its article column, its column pointing at the renamed row.
        f"""
        CREATE OR REPLACE FUNCTION search_queue_renamed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            EXECUTE format(
                'INSERT INTO {n["pending"]} ({n["pending_article"]}) '
                'SELECT %I FROM %I WHERE %I = $1',
                TG_ARGV[1], TG_ARGV[0], TG_ARGV[2]
            ) USING NEW.id;
            RETURN NULL;
        END $$""",
        f"CREATE OR REPLACE TRIGGER search_article_inserted AFTER INSERT ON {n['article']} "
        f"FOR EACH ROW EXECUTE FUNCTION search_queue_article()",
        f"CREATE OR REPLACE TRIGGER search_article_changed "
        f"AFTER UPDATE OF {n['title']}, {n['excerpt']}, {n['body']}, {n['published_at']} "
        f"ON {n['article']} "
        f"FOR EACH ROW WHEN ({text_changed}) EXECUTE FUNCTION search_queue_article()",
        f"CREATE OR REPLACE TRIGGER search_article_authors_changed "
        f"AFTER INSERT OR UPDATE OR DELETE ON {n['authors']} FOR EACH ROW "
        f"EXECUTE FUNCTION search_queue_link('{n['authors_article_raw']}')",
        f"CREATE OR REPLACE TRIGGER search_tagged_changed "
        f"AFTER INSERT OR UPDATE OR DELETE ON {n['tagged']} FOR EACH ROW "
        f"EXECUTE FUNCTION search_queue_link('{n['tagged_article_raw']}')",
        f"CREATE OR REPLACE TRIGGER search_author_renamed AFTER UPDATE OF {n['author_name']} "
        f"ON {n['author']} FOR EACH ROW "
        f"WHEN (OLD.{n['author_name']} IS DISTINCT FROM NEW.{n['author_name']}) "
        f"EXECUTE FUNCTION search_queue_renamed("
        f"'{n['authors_raw']}', '{n['authors_article_raw']}', '{n['authors_author_raw']}')",
        f"CREATE OR REPLACE TRIGGER search_tag_renamed AFTER UPDATE OF {n['tag_name']} "
        f"ON {n['tag']} FOR EACH ROW "
        f"WHEN (OLD.{n['tag_name']} IS DISTINCT FROM NEW.{n['tag_name']}) "
        f"EXECUTE FUNCTION search_queue_renamed("
        f"'{n['tagged_raw']}', '{n['tagged_article_raw']}', '{n['tagged_tag_raw']}')",
    ]


def statements(apps, connection: BaseDatabaseWrapper) -> list[str]:
    """The SQL that installs the triggers (and the GIN index) on this database."""
    names = _names(apps, connection)
    if connection.vendor == "postgresql":
        return _postgresql(names)
    if connection.vendor == "sqlite":
        return _sqlite(names)
    return []


def is_installed(connection: BaseDatabaseWrapper) -> bool:
    """True when every trigger (and on PostgreSQL the GIN index) exists."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)",
                [PG_TRIGGER_NAMES],
            )
            triggers = cursor.fetchone()[0]
            indexes = [GIN_INDEX, HEAD_GIN_INDEX, TITLE_GIN_INDEX, UNDATED_TITLE_GIN_INDEX]
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = ANY(%s)", [indexes])
            return triggers == len(PG_TRIGGER_NAMES) and cursor.fetchone()[0] == len(indexes)
        if connection.vendor == "sqlite":
            placeholders = ", ".join(["%s"] * len(TRIGGER_NAMES))
            cursor.execute(
                "SELECT count(*) FROM sqlite_master "
                f"WHERE type = 'trigger' AND name IN ({placeholders})",
                TRIGGER_NAMES,
            )
            return cursor.fetchone()[0] == len(TRIGGER_NAMES)
    return True


def install(connection: BaseDatabaseWrapper, apps=global_apps) -> None:
    """Create whatever is missing; a no-op when all is there or the tables do not exist yet."""
    tables = set(connection.introspection.table_names())
    needed = {
        apps.get_model("search", "PendingArticle")._meta.db_table,
        apps.get_model("search", "SearchDocument")._meta.db_table,
    }
    if not needed <= tables or is_installed(connection):
        return
    with connection.cursor() as cursor:
        for sql in statements(apps, connection):
            cursor.execute(sql)


def uninstall(connection: BaseDatabaseWrapper, apps=global_apps) -> None:
    """Drop the triggers, functions and index (the migration's reverse)."""
    n = _names(apps, connection)
    owners = {
        "search_article_inserted": n["article"],
        "search_article_changed": n["article"],
        "search_article_authors_changed": n["authors"],
        "search_tagged_changed": n["tagged"],
        "search_author_renamed": n["author"],
        "search_tag_renamed": n["tag"],
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for trigger, table in owners.items():
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
            for function in ("search_queue_article", "search_queue_link", "search_queue_renamed"):
                cursor.execute(f"DROP FUNCTION IF EXISTS {function}()")
            cursor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
            cursor.execute(f"DROP INDEX IF EXISTS {HEAD_GIN_INDEX}")
            cursor.execute(f"DROP INDEX IF EXISTS {TITLE_GIN_INDEX}")
            cursor.execute(f"DROP INDEX IF EXISTS {UNDATED_TITLE_GIN_INDEX}")
        elif connection.vendor == "sqlite":
            for trigger in TRIGGER_NAMES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
