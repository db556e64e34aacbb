"""A large, realistic archive for benchmarks and query-plan tests (``generate_archive``).

The newest stories of a national news site publishing about 274 a day (a million over ten
years): sections, bylines, tags, photos, galleries, videos, opinion pieces, drafts, a few
scheduled stories, daily views and the search documents. Every size keeps that rate, so a
thousand articles are its last four days: the home page, sections, feeds and the news
sitemap are as full at a thousand as at a million, and a benchmark comparing the two
measures what the archive's size costs, not emptier pages. Likewise the tags and bylines in
use grow with the archive (a small site has a small cast), so that a tag's or an author's
page is full at every size. Articles are recognised by their slug (``archive-<n>``), so a
second run with the same size and span reuses them and another replaces them.

Text comes from pools built in Python once (titles, standfirsts, bodies, and tag/byline
sets), each analysed once by ``search.analysis.index_text``; articles point at pool entries.
So the search documents are exactly what ``rebuild_search_index`` would write (up to the
order of tag names), without analysing a million texts one by one:

* on PostgreSQL everything after the pools is ``INSERT … SELECT`` over
  ``generate_series`` joined with the pools (temporary tables), with the vectors built in
  SQL by the same ``to_tsvector('arabic', …)`` expressions the indexer uses, and with the
  search triggers off for the session (``session_replication_role = replica``), since the
  documents are written in the same run;
* on other databases (small sizes, tests) the same plan is inserted with ``bulk_create``
  and the documents are built by ``search.indexing.index_articles``.
"""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.db.models import Count, Max, Min
from django.utils import timezone

from arabic.text import normalize_arabic, unicode_slugify
from articles.models import Article, Author, Category, Gallery, Photo, Tag, TaggedArticle
from images.renditions import make_renditions
from images.tasks import stored_file
from popularity.models import ArticleDailyViews
from search.analysis import index_text
from search.models import PendingArticle, SearchDocument

from .photos import make_photo

SLUG_PREFIX = "archive-"
IMAGE_COUNT = 8
GALLERY_COUNT = 20
PHOTOS_PER_GALLERY = 6
IMAGE_SIZE = (1200, 675)
VIDEO_URL = "https://www.youtube.com/watch?v=abcDEF12345"

_WORDS = tomllib.loads((Path(__file__).parent / "data" / "archive.toml").read_text("utf-8"))
SECTIONS = _WORDS["sections"]
FIRST_NAMES, LAST_NAMES = _WORDS["first_names"], _WORDS["last_names"]
SUBJECTS, VERBS = _WORDS["subjects"], _WORDS["verbs"]
OBJECTS, PLACES = _WORDS["objects"], _WORDS["places"]
TAG_WORDS, TAG_QUALIFIERS = _WORDS["tag_words"], _WORDS["tag_qualifiers"]
SENTENCE_WORDS = _WORDS["sentence_words"]


def _words(items: list[str]) -> list[str]:
    return [item.replace("_", " ") for item in items]


@dataclass
class Pools:
    """Texts shared by many articles, each with its analysed form."""

    titles: list[tuple[str, str]] = field(default_factory=list)  # (text, index_text)
    excerpts: list[tuple[str, str]] = field(default_factory=list)
    bodies: list[tuple[str, str]] = field(default_factory=list)  # (html, index_text)
    # One entry per tag/byline set: (tag ids, author ids, index_text of their names).
    metas: list[tuple[list[int], list[int], str]] = field(default_factory=list)


def build_pools(size: int, rng: random.Random, tags: list[Tag], authors: list[Author]) -> Pools:
    subjects, verbs, objects, places = map(_words, (SUBJECTS, VERBS, OBJECTS, PLACES))
    pools = Pools()
    n_titles = min(max(size // 20, 200), 40_000)
    seen: set[str] = set()
    while len(pools.titles) < n_titles:
        title = (
            f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} {rng.choice(places)}"
        )
        if rng.random() < 0.3:
            title += f" للمرة {rng.randint(2, 40)}"
        if title not in seen:
            seen.add(title)
            pools.titles.append((title, index_text(title)))

    def sentence(low: int, high: int) -> str:
        return " ".join(rng.choice(SENTENCE_WORDS) for _ in range(rng.randint(low, high))) + "."

    for _ in range(min(max(size // 200, 100), 3_000)):
        excerpt = sentence(14, 28)
        pools.excerpts.append((excerpt, index_text(excerpt)))
    for _ in range(min(max(size // 1000, 50), 600)):
        paragraphs = [
            " ".join(sentence(10, 22) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(3, 6))
        ]
        html = "".join(f"<p>{p}</p>" for p in paragraphs)
        pools.bodies.append((html, index_text(" ".join(paragraphs))))
    tag_names = {tag.pk: tag.name for tag in tags}
    author_names = {author.pk: author.name for author in authors}
    for _ in range(min(max(size // 100, 100), 8_000)):
        tag_ids = rng.sample([t.pk for t in tags], rng.randint(2, 5))
        author_ids = rng.sample([a.pk for a in authors], rng.choice((1, 1, 1, 2)))
        text = "\n".join([*(tag_names[i] for i in tag_ids), *(author_names[i] for i in author_ids)])
        pools.metas.append((tag_ids, author_ids, index_text(text)))
    return pools


#: Articles published a day: a million over ten years.
DAILY = 1_000_000 / 3650


def cast(size: int) -> tuple[int, int]:
    """How many tags and bylines an archive of ``size`` articles uses (each about 80 times
    at a thousand articles, up to every generated one: 450 tags and 240 bylines)."""
    return max(20, size // 25), max(12, size // 50)


@dataclass
class Archive:
    size: int
    #: The span of publication times; by default the size at ``DAILY`` articles a day.
    days: float | None = None
    seed: int = 2026
    report: Callable[[str], None] = print

    def __post_init__(self) -> None:
        if self.days is None:
            self.days = self.size / DAILY

    def existing(self) -> tuple[int, float]:
        """The archive present: its size, and its span in days (from the first story's
        publication to when the last was written, as ``span()`` planned them)."""
        articles = Article.objects.filter(slug__startswith=SLUG_PREFIX)
        found = articles.aggregate(n=Count("pk"), first=Min("published_at"), end=Max("created_at"))
        if not found["n"] or found["first"] is None:
            return found["n"], 0.0
        return found["n"], (found["end"] - found["first"]) / timedelta(days=1)

    def generate(self, fresh: bool = False) -> bool:
        """Build the archive; False when an archive of this size and span was there."""
        have, days = self.existing()
        images = self._images()
        # A few articles' time of leeway: the first may be a draft, times are jittered.
        leeway = self.days / 100 + 3 * self.days / self.size
        if have == self.size and abs(days - self.days) <= leeway and not fresh:
            self.report(f"Reusing the archive of {have:,} articles.")
            return False
        if have:
            self.report(f"Removing the archive of {have:,} articles…")
            self.remove()
        rng = random.Random(self.seed)  # noqa: S311 - made-up data, not security
        categories = self._sections()
        n_tags, n_authors = cast(self.size)
        authors = self._authors()[:n_authors]
        tags = self._tags()[:n_tags]
        galleries = self._galleries(images)
        self.report("Analysing the text pools…")
        pools = build_pools(self.size, rng, tags, authors)
        if connection.vendor == "postgresql":
            _PostgresWriter(self, pools, categories, images, galleries).write()
        else:
            _PortableWriter(self, pools, categories, images, galleries, rng).write()
        return True

    def remove(self) -> None:
        ids = Article.objects.filter(slug__startswith=SLUG_PREFIX).values("pk")
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    _without_triggers(cursor)  # nothing to queue: the documents go too
            # Children first and in bulk: a cascade through the ORM would load every row.
            SearchDocument.objects.filter(article__in=ids).delete()
            ArticleDailyViews.objects.filter(article__in=ids)._raw_delete(connection.alias)
            TaggedArticle.objects.filter(content_object__in=ids)._raw_delete(connection.alias)
            through = Article.authors.through.objects
            through.filter(article__in=ids)._raw_delete(connection.alias)
            Article.objects.filter(slug__startswith=SLUG_PREFIX)._raw_delete(connection.alias)
            PendingArticle.objects.exclude(article_id__in=Article.objects.values("pk")).delete()

    # -- shared objects (created once, reused by every run) --------------------------------

    def _sections(self) -> list[Category]:
        sections = []
        for position, name in enumerate(SECTIONS):
            section = Category.objects.filter(name=name).first()
            if section is None:
                section = Category.objects.create(name=name, position=position)
            sections.append(section)
        return sections

    def _authors(self) -> list[Author]:
        wanted = []
        for first in _words(FIRST_NAMES):
            for last in LAST_NAMES:
                name = f"{first} {last}"
                wanted.append(Author(name=name, slug=SLUG_PREFIX + unicode_slugify(name, 100)))
        Author.objects.bulk_create(wanted, ignore_conflicts=True)
        return list(Author.objects.filter(slug__startswith=SLUG_PREFIX).order_by("pk"))

    def _tags(self) -> list[Tag]:
        names = [f"{w} {q}" for w in TAG_WORDS for q in TAG_QUALIFIERS] + TAG_WORDS
        keys = {normalize_arabic(n): n for n in names}
        have = set(Tag.objects.filter(key__in=keys).values_list("key", flat=True))
        Tag.objects.bulk_create(
            [
                Tag(name=name, key=key, slug=SLUG_PREFIX + unicode_slugify(name, 80))
                for key, name in keys.items()
                if key not in have
            ],
            ignore_conflicts=True,
        )
        return list(Tag.objects.filter(key__in=keys).order_by("pk"))

    def _images(self) -> list[str]:
        """A handful of real JPEG files in the media storage, shared by all articles, with
        their renditions, as the task worker makes them for every upload (pages then show
        renditions, as a running newsroom's do)."""
        names = []
        for seed in range(IMAGE_COUNT):
            name = f"archive/photo-{seed}.jpg"
            if not default_storage.exists(name):
                name = default_storage.save(name, make_photo(1000 + seed, IMAGE_SIZE))
            make_renditions(stored_file(name), IMAGE_SIZE[0])
            names.append(name)
        return names

    def _galleries(self, images: list[str]) -> list[Gallery]:
        galleries = list(Gallery.objects.filter(title__startswith="ألبوم الأرشيف"))
        for n in range(len(galleries), GALLERY_COUNT):
            gallery = Gallery.objects.create(title=f"ألبوم الأرشيف {n + 1}")
            Photo.objects.bulk_create(
                Photo(
                    gallery=gallery,
                    image=images[(n + i) % len(images)],
                    width=IMAGE_SIZE[0],
                    height=IMAGE_SIZE[1],
                    caption=f"صورة {i + 1}",
                    position=i,
                )
                for i in range(PHOTOS_PER_GALLERY)
            )
            galleries.append(gallery)
        return galleries

    def span(self) -> tuple[datetime, timedelta]:
        """When the archive starts, and the time between two articles."""
        end = timezone.now()
        start = end - timedelta(days=self.days)
        return start, (end - start) / max(self.size, 1)


# Sections are uneven, as on a real site: the first (national news) carries about 29% of
# the stories, so its deep pages exist (section index = ⌊12 × u²⌋ for a uniform u).
# Shares of kinds (and below, of statuses), as cumulative thresholds of a uniform draw.
KIND_THRESHOLDS = [(0.80, "story"), (0.88, "opinion"), (0.95, "video"), (1.0, "gallery")]
#: The newest articles are scheduled: published by an editor for a time still to come.
SCHEDULED = 20
#: Drafts and stories in review are the desk's work in hand: about ``QUEUE`` of each among
#: the newest ``DESK_WINDOW`` stories, whatever the archive's size (a review queue does not
#: grow with the archive, and the admin's list by status shows a full page at every size).
#: Older stories are published, a few archived.
QUEUE = 60
DESK_WINDOW = 5_000
ARCHIVED_SHARE = 0.01


def status_thresholds(size: int, on_the_desk: bool) -> list[tuple[float, str]]:
    """The statuses' cumulative thresholds for a story among the newest ``DESK_WINDOW`` or
    older (at most a tenth of a small archive's stories in each of draft and review)."""
    old = [(1 - ARCHIVED_SHARE, "published"), (1.0, "archived")]
    if not on_the_desk:
        return old
    share = min(0.1, QUEUE / max(min(size - SCHEDULED, DESK_WINDOW), 1))
    return [(share, "draft"), (2 * share, "review"), *old]


IMAGE_SHARE = 0.9


class _PostgresWriter:
    """``INSERT … SELECT`` from ``generate_series`` and the pools, in one transaction."""

    def __init__(self, archive, pools, categories, images, galleries) -> None:
        self.archive, self.pools = archive, pools
        self.categories = [c.pk for c in categories]
        self.images, self.galleries = images, [g.pk for g in galleries]

    def write(self) -> None:
        size = self.archive.size
        start, step = self.archive.span()
        with transaction.atomic(), connection.cursor() as cursor:
            triggers_off = _without_triggers(cursor)
            # ON COMMIT DROP is enough for the command; a test's enclosing transaction
            # outlives a run, so a second run in it starts by dropping them.
            cursor.execute(f"DROP TABLE IF EXISTS {', '.join(TEMP_TABLES)}")
            self._pools(cursor)
            self.archive.report("Planning the articles…")
            cursor.execute("SELECT setseed(%s)", [(self.archive.seed % 1000) / 1000])
            # random() in the select list is drawn once per row.
            cursor.execute(
                """
                CREATE TEMP TABLE archive_plan ON COMMIT DROP AS
                SELECT g.i,
                       nextval(pg_get_serial_sequence('articles_article', 'id')) AS id,
                       random() AS r_kind, random() AS r_status, random() AS r_image,
                       random() AS r_views, random() AS r_jitter,
                       floor(random() * %(titles)s)::int AS title_i,
                       floor(random() * %(excerpts)s)::int AS excerpt_i,
                       floor(random() * %(bodies)s)::int AS body_i,
                       floor(random() * %(metas)s)::int AS meta_i,
                       floor(power(random(), 2) * %(sections)s)::int AS section_i
                FROM generate_series(1, %(size)s) AS g(i)
                """,
                {
                    "size": size,
                    "titles": len(self.pools.titles),
                    "excerpts": len(self.pools.excerpts),
                    "bodies": len(self.pools.bodies),
                    "metas": len(self.pools.metas),
                    "sections": len(self.categories),
                },
            )
            cursor.execute("ALTER TABLE archive_plan ADD PRIMARY KEY (i)")
            kind = _case("p.r_kind", KIND_THRESHOLDS)
            desk = _case("p.r_status", status_thresholds(size, on_the_desk=True))
            older = _case("p.r_status", status_thresholds(size, on_the_desk=False))
            status = f"""CASE WHEN p.i > %(size)s - {SCHEDULED} THEN 'published'
                         WHEN p.i > %(size)s - {SCHEDULED + DESK_WINDOW} THEN {desk}
                         ELSE {older} END"""
            self.archive.report(f"Writing {size:,} articles…")
            cursor.execute(
                f"""
                INSERT INTO articles_article (
                    id, title, slug, kind, category_id, excerpt, body, image, image_width,
                    image_height, image_caption, image_credit, video_url, gallery_id, status,
                    published_at, created_at, updated_at, version)
                SELECT p.id, t.text, '{SLUG_PREFIX}' || p.i, k.kind,
                       (%(sections)s::bigint[])[p.section_i + 1], e.text, b.text,
                       CASE WHEN p.r_image < {IMAGE_SHARE} OR k.kind <> 'story'
                            THEN (%(images)s::text[])[1 + p.i %% {len(self.images)}]
                            ELSE '' END,
                       CASE WHEN p.r_image < {IMAGE_SHARE} OR k.kind <> 'story'
                            THEN {IMAGE_SIZE[0]} END,
                       CASE WHEN p.r_image < {IMAGE_SHARE} OR k.kind <> 'story'
                            THEN {IMAGE_SIZE[1]} END,
                       '', '',
                       CASE WHEN k.kind = 'video' THEN '{VIDEO_URL}' ELSE '' END,
                       CASE WHEN k.kind = 'gallery'
                            THEN (%(galleries)s::bigint[])[1 + p.i %% {len(self.galleries)}]
                       END,
                       s.status,
                       CASE WHEN s.status IN ('draft', 'review') THEN NULL
                            WHEN p.i > %(size)s - {SCHEDULED}
                            THEN now() + interval '1 hour' * (p.i - %(size)s + {SCHEDULED})
                            ELSE %(start)s::timestamptz
                                 + %(step)s::interval * (p.i - 1 + p.r_jitter * 0.9)
                       END,
                       %(start)s::timestamptz + %(step)s::interval * (p.i - 1),
                       %(start)s::timestamptz + %(step)s::interval * (p.i - 1),
                       p.i
                FROM archive_plan p
                JOIN archive_title t ON t.i = p.title_i
                JOIN archive_excerpt e ON e.i = p.excerpt_i
                JOIN archive_body b ON b.i = p.body_i,
                LATERAL (SELECT {kind} AS kind) k,
                LATERAL (SELECT {status} AS status) s
                ORDER BY p.i
                """,  # noqa: S608 - numbers and constants of this module only
                {
                    "size": size,
                    "sections": self.categories,
                    "images": self.images,
                    "galleries": self.galleries,
                    "start": start,
                    "step": step,
                },
            )
            self.archive.report("Writing tags, bylines and views…")
            cursor.execute(
                """
                INSERT INTO articles_taggedarticle (content_object_id, tag_id)
                SELECT p.id, m.tag_id FROM archive_plan p JOIN archive_meta_tag m
                ON m.meta_i = p.meta_i
                """
            )
            cursor.execute(
                """
                INSERT INTO articles_article_authors (article_id, author_id)
                SELECT p.id, m.author_id FROM archive_plan p JOIN archive_meta_author m
                ON m.meta_i = p.meta_i
                """
            )
            # Views: every published story on its day, and each of the last two weeks'
            # stories on every day since (so «most read» has a real week to sum).
            cursor.execute(
                """
                INSERT INTO popularity_articledailyviews (article_id, day, views)
                SELECT a.id, d.day, 50 + floor(p.r_views * p.r_views * 20000)::int / d.n
                FROM archive_plan p
                JOIN articles_article a ON a.id = p.id AND a.published_at IS NOT NULL,
                LATERAL (
                    SELECT (a.published_at AT TIME ZONE 'Africa/Casablanca')::date + n AS day,
                           n + 1 AS n
                    FROM generate_series(0, CASE WHEN a.published_at > now() - interval
                                              '14 days' THEN 6 ELSE 0 END) AS n
                ) d
                WHERE d.day <= (now() AT TIME ZONE 'Africa/Casablanca')::date
                """
            )
            self.archive.report("Writing the search documents…")
            cursor.execute(
                """
                INSERT INTO search_searchdocument (
                    article_id, published_at, article_version, updated_at, title_text,
                    excerpt_text, meta_text, body_text, vector, head_vector)
                SELECT a.id, a.published_at, a.version, now(), t.stems, e.stems, m.stems,
                       b.stems, h.head || b.vector, h.head
                FROM archive_plan p
                JOIN articles_article a ON a.id = p.id
                JOIN archive_title t ON t.i = p.title_i
                JOIN archive_excerpt e ON e.i = p.excerpt_i
                JOIN archive_body b ON b.i = p.body_i
                JOIN archive_meta m ON m.i = p.meta_i,
                LATERAL (SELECT t.vector || setweight(to_tsvector('arabic'::regconfig,
                         COALESCE(e.stems || ' ' || m.stems, '')), 'B') AS head) h
                """
            )
            if not triggers_off:
                cursor.execute(
                    "DELETE FROM search_pendingarticle WHERE article_id IN "
                    "(SELECT id FROM archive_plan)"
                )
        self.archive.report("Updating the planner's statistics…")
        with connection.cursor() as cursor:
            for table in (
                "articles_article",
                "articles_taggedarticle",
                "articles_article_authors",
                "popularity_articledailyviews",
                "search_searchdocument",
            ):
                # VACUUM also sets the visibility map, so index-only scans stay index-only;
                # it cannot run inside a transaction (a test's), ANALYZE can.
                vacuum = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
                cursor.execute(f"{vacuum} {table}")

    def _pools(self, cursor) -> None:
        pools = self.pools
        for name, rows in (
            ("title", pools.titles),
            ("excerpt", pools.excerpts),
            ("body", pools.bodies),
        ):
            cursor.execute(
                f"CREATE TEMP TABLE archive_{name} (i int PRIMARY KEY, text text, "
                "stems text, vector tsvector) ON COMMIT DROP"
            )
            cursor.executemany(
                f"INSERT INTO archive_{name} (i, text, stems) VALUES (%s, %s, %s)",  # noqa: S608
                [(i, text, stems) for i, (text, stems) in enumerate(rows)],
            )
        # The same weights as search.indexing: A title, C body (B is per article).
        cursor.execute(
            "UPDATE archive_title SET vector = "
            "setweight(to_tsvector('arabic'::regconfig, COALESCE(stems, '')), 'A')"
        )
        cursor.execute(
            "UPDATE archive_body SET vector = "
            "setweight(to_tsvector('arabic'::regconfig, COALESCE(stems, '')), 'C')"
        )
        cursor.execute(
            "CREATE TEMP TABLE archive_meta (i int PRIMARY KEY, stems text) ON COMMIT DROP"
        )
        cursor.execute("CREATE TEMP TABLE archive_meta_tag (meta_i int, tag_id int) ON COMMIT DROP")
        cursor.execute(
            "CREATE TEMP TABLE archive_meta_author (meta_i int, author_id int) ON COMMIT DROP"
        )
        cursor.executemany(
            "INSERT INTO archive_meta (i, stems) VALUES (%s, %s)",
            [(i, stems) for i, (_, _, stems) in enumerate(pools.metas)],
        )
        cursor.executemany(
            "INSERT INTO archive_meta_tag VALUES (%s, %s)",
            [(i, t) for i, (tags, _, _) in enumerate(pools.metas) for t in tags],
        )
        cursor.executemany(
            "INSERT INTO archive_meta_author VALUES (%s, %s)",
            [(i, a) for i, (_, authors, _) in enumerate(pools.metas) for a in authors],
        )
        cursor.execute("CREATE INDEX ON archive_meta_tag (meta_i)")
        cursor.execute("CREATE INDEX ON archive_meta_author (meta_i)")
        for name in ("title", "excerpt", "body", "meta", "meta_tag", "meta_author"):
            cursor.execute(f"ANALYZE archive_{name}")


TEMP_TABLES = [
    "archive_plan",
    "archive_title",
    "archive_excerpt",
    "archive_body",
    "archive_meta",
    "archive_meta_tag",
    "archive_meta_author",
]


def _without_triggers(cursor) -> bool:
    """Turn this transaction's triggers off (the search queue's), if the role may."""
    try:
        with transaction.atomic():
            cursor.execute("SET LOCAL session_replication_role = replica")
    except DatabaseError:
        return False  # not a superuser: the queued rows are deleted at the end instead
    return True


def _case(value: str, thresholds: list[tuple[float, str]]) -> str:
    whens = " ".join(f"WHEN {value} < {limit} THEN '{name}'" for limit, name in thresholds[:-1])
    return f"CASE {whens} ELSE '{thresholds[-1][1]}' END"


def _pick(draw: float, thresholds: list[tuple[float, str]]) -> str:
    return next(name for limit, name in thresholds if draw < limit)


class _PortableWriter:
    """The same archive through ``bulk_create`` (SQLite, small sizes)."""

    BATCH = 2000

    def __init__(self, archive, pools, categories, images, galleries, rng) -> None:
        self.archive, self.pools, self.rng = archive, pools, rng
        self.categories, self.images, self.galleries = categories, images, galleries

    def write(self) -> None:
        from search.indexing import index_articles

        size, rng, pools = self.archive.size, self.rng, self.pools
        start, step = self.archive.span()
        now = timezone.now()
        with transaction.atomic():
            for first in range(1, size + 1, self.BATCH):
                numbers = range(first, min(first + self.BATCH, size + 1))
                plan, articles = [], []
                for i in numbers:
                    kind = _pick(rng.random(), KIND_THRESHOLDS)
                    on_the_desk = i > size - SCHEDULED - DESK_WINDOW
                    status = (
                        "published"
                        if i > size - SCHEDULED
                        else _pick(rng.random(), status_thresholds(size, on_the_desk))
                    )
                    published_at = None
                    if i > size - SCHEDULED:
                        published_at = now + timedelta(hours=i - size + SCHEDULED)
                    elif status not in ("draft", "review"):
                        published_at = start + step * (i - 1 + rng.random() * 0.9)
                    with_image = rng.random() < IMAGE_SHARE or kind != "story"
                    meta = rng.randrange(len(pools.metas))
                    plan.append(meta)
                    articles.append(
                        Article(
                            title=rng.choice(pools.titles)[0],
                            slug=f"{SLUG_PREFIX}{i}",
                            kind=kind,
                            category=self.categories[int(rng.random() ** 2 * len(self.categories))],
                            excerpt=rng.choice(pools.excerpts)[0],
                            body=rng.choice(pools.bodies)[0],
                            image=self.images[i % len(self.images)] if with_image else "",
                            image_width=IMAGE_SIZE[0] if with_image else None,
                            image_height=IMAGE_SIZE[1] if with_image else None,
                            video_url=VIDEO_URL if kind == "video" else "",
                            gallery=(
                                self.galleries[i % len(self.galleries)]
                                if kind == "gallery"
                                else None
                            ),
                            status=status,
                            published_at=published_at,
                            version=i,
                        )
                    )
                created = Article.objects.bulk_create(articles)
                TaggedArticle.objects.bulk_create(
                    TaggedArticle(content_object=a, tag_id=t)
                    for a, meta in zip(created, plan, strict=True)
                    for t in pools.metas[meta][0]
                )
                Article.authors.through.objects.bulk_create(
                    Article.authors.through(article=a, author_id=author)
                    for a, meta in zip(created, plan, strict=True)
                    for author in pools.metas[meta][1]
                )
                ArticleDailyViews.objects.bulk_create(
                    ArticleDailyViews(
                        article=a,
                        day=timezone.localdate(a.published_at),
                        views=50 + rng.randrange(20000),
                    )
                    for a in created
                    if a.published_at and a.published_at <= now
                )
                ids = [a.pk for a in created]
                index_articles(ids)
                PendingArticle.objects.filter(article_id__in=ids).delete()
                self.archive.report(f"{numbers[-1]:,} articles")
