"""Benchmark Arabic search on a large generated newsroom.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench \\
        .venv/bin/python scripts/bench_search.py --articles 100000

The database named in DATABASE_URL is a scratch database owned by this script: it is
created if missing (``--fresh`` drops and recreates it) and filled with generated
articles. The names ``test`` and the development database are refused, so a benchmark can
never touch them. Without a PostgreSQL URL a scratch SQLite file is used instead.

The data set is built fast: ``bulk_create`` for articles, tags, authors and their links,
then one bulk index build (``search.indexing.rebuild_all``, the code behind
``manage.py rebuild_search_index``). Article text is generated from an Arabic news word
list (the frequent words) plus a long tail of generated rare words, drawn with a Zipf
distribution so that some queries match a large part of the archive and others a handful.

Then ``--queries`` searches (common words, rarer words, several words, quoted phrases,
clitic and spelling variants) go through the real results page with Django's test
client, after one warm-up pass; the server-side time of each request is reported as
median and 95th percentile.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REFUSED_NAMES = {"test", "postgres", "template0", "template1", "newsroom"}

# Frequent words of Arabic news, most frequent first: function words, then common verbs
# and adjectives, then topics (places, institutions, subjects). They form the head of the
# Zipf distribution; generated rare words form its tail.
FUNCTION_WORDS = """
في من إلى على عن مع هذا هذه التي الذي أن إن كان قد لا ما لم كما أيضا حيث خلال بعد قبل
حول ضد بين داخل خارج عبر نحو لدى منذ حتى
"""
COMMON_WORDS = """
أعلن أكد قال أوضح أشار كشف دعا طالب قرر صادق أطلق افتتح زار استقبل ترأس وقع شارك نظم
جديد كبير الأول الثاني الوطني الدولي المحلي الجهوي العمومي الخاص السنوي اليوم أمس الأسبوع
الشهر السنة المقبلة الماضية
"""
TOPIC_WORDS = """
المغرب الحكومة وزارة الصحة التعليم الاقتصاد الرباط الدار البيضاء مراكش طنجة فاس أكادير
وجدة تطوان القنيطرة مكناس العيون الداخلة الملك البرلمان مجلس النواب المستشارين الأحزاب
الانتخابات رئيس الوزير الوزيرة المدير اللجنة الجهة الجماعة المدينة القرية السكان المواطنين
الشباب النساء الأطفال الطلبة الأساتذة الأطباء المستشفى المدرسة الجامعة الطريق القطار الميناء
المطار الماء الكهرباء الطاقة الشمسية الريحية الهيدروجين الفلاحة الجفاف الأمطار الفيضانات
الزلزال الحرائق الغابات البحر الصيد السياحة الفنادق المهرجان السينما الموسيقى المسرح الكتاب
المعرض الثقافة الرياضة المنتخب الفريق المباراة الدوري الكأس المدرب اللاعبين الملعب الجمهور
الأمن الشرطة الدرك القضاء المحكمة القانون المشروع الميزانية الضرائب الأسعار التضخم البنك
الاستثمار الشركات المقاولات التشغيل البطالة الأجور النقابات الإضراب الحوار الاجتماعي التقاعد
الصناعة السيارات الطائرات الفوسفاط الأسمدة الصادرات الواردات التجارة الأسواق الموانئ النقل
الحافلات الترامواي السكن العقار البناء الإسكان التعمير البيئة المناخ التلوث النفايات التدوير
الرقمنة الإنترنت الهاتف التطبيقات الذكاء الاصطناعي البيانات السيبراني الابتكار البحث
العلمي الفضاء القمر الصناعي الصحافة الإعلام التلفزيون الإذاعة المواقع الأخبار التقرير الدراسة
المندوبية التخطيط الإحصاء النمو الفقر الهشاشة الدعم الحماية التغطية الصحية التلقيح اللقاح
الوباء المرض العلاج الأدوية الصيدليات الإسعاف الطوارئ الحوادث السير الضحايا الإصابات
أفريقيا أوروبا إسبانيا فرنسا الجزائر موريتانيا تونس مصر السعودية الإمارات قطر أمريكا الصين
روسيا ألمانيا إيطاليا البرتغال بريطانيا فلسطين غزة القدس الأمم المتحدة الاتحاد الأوروبي
الإفريقي القمة الزيارة الاتفاقية التعاون الشراكة العلاقات الدبلوماسية السفير القنصلية الحدود
الهجرة المهاجرين اللاجئين الجالية الخارج العودة الصيف العطلة رمضان العيد الحج الأضحية
"""
NEWS_WORDS = (FUNCTION_WORDS + COMMON_WORDS + TOPIC_WORDS).split()

LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
PATTERNS = ["{0}{1}{2}", "م{0}{1}{2}", "{0}ا{1}{2}", "{0}{1}ي{2}", "ت{0}{1}{2}", "{0}{1}ا{2}"]
CLITICS = ["", "", "", "", "ال", "ال", "و", "وال", "بال", "لل"]
SUFFIXES = ["", "", "", "", "ة", "ات", "ين", "ون", "ية"]


def tail_words(count: int, rng: random.Random) -> list[str]:
    """Generated rare words: pseudo-roots in common patterns (the long tail)."""
    seen: set[str] = set()
    while len(seen) < count:
        root = rng.sample(LETTERS, 3)
        seen.add(rng.choice(PATTERNS).format(*root) + rng.choice(SUFFIXES))
    return sorted(seen)


class TextMaker:
    """Zipf-distributed Arabic text: frequent news words first, then the tail."""

    def __init__(self, rng: random.Random, tail: int = 30_000) -> None:
        self.rng = rng
        self.vocabulary = list(dict.fromkeys(NEWS_WORDS)) + tail_words(tail, rng)
        weights = [1 / (rank + 3) ** 1.05 for rank in range(len(self.vocabulary))]
        total, self.cumulative = 0.0, []
        for w in weights:
            total += w
            self.cumulative.append(total)

    def words(self, n: int) -> list[str]:
        picked = self.rng.choices(self.vocabulary, cum_weights=self.cumulative, k=n)
        return [self._inflect(w) for w in picked]

    def _inflect(self, word: str) -> str:
        if word.startswith("ال") and self.rng.random() < 0.2:
            return self.rng.choice(["و", "ب", "ل"]) + (word[1:] if word[0] == "ل" else word)
        return word

    def sentence(self, low: int, high: int) -> str:
        return " ".join(self.words(self.rng.randint(low, high)))


def configure(args: argparse.Namespace) -> str:
    """Point Django at the scratch database and set it up; returns its description."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") or "newsroom_bench"
        if name in REFUSED_NAMES:
            sys.exit(f"Refusing to use the database {name!r}: name a scratch database.")
        _create_postgres_database(parts, name, fresh=args.fresh)
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        where = f"PostgreSQL database {name!r}"
    else:
        var = Path(tempfile.gettempdir()) / "newsroom_bench"
        var.mkdir(exist_ok=True)
        if args.fresh:
            (var / "newsroom.sqlite3").unlink(missing_ok=True)
        os.environ.pop("DATABASE_URL", None)
        os.environ["NEWSROOM_VAR_DIR"] = str(var)
        where = f"SQLite file {var / 'newsroom.sqlite3'}"

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return where


def _create_postgres_database(parts, name: str, fresh: bool) -> None:
    import psycopg2
    from psycopg2 import sql

    admin = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        if fresh:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()


def populate(target: int, rng: random.Random, maker: TextMaker) -> None:
    """Bring the archive up to ``target`` articles with bulk inserts, then index them."""
    from django.db import connection, transaction
    from django.utils import timezone

    from articles.models import Article, Author, Category, Tag, TaggedArticle
    from search.indexing import rebuild_all

    existing = Article.objects.count()
    if existing >= target:
        print(f"{existing} articles already there")
        return
    started = time.monotonic()
    categories = [
        Category.objects.get_or_create(slug=f"bench-{i}", defaults={"name": f"قسم {i}"})[0]
        for i in range(8)
    ]
    authors = list(Author.objects.filter(slug__startswith="bench-")) or Author.objects.bulk_create(
        Author(name=maker.sentence(2, 2), slug=f"bench-author-{i}") for i in range(60)
    )
    tags = list(Tag.objects.filter(slug__startswith="bench-")) or Tag.objects.bulk_create(
        Tag(name=f"{word} {i}", slug=f"bench-tag-{i}", key=f"bench-{i}")
        for i, word in enumerate(maker.words(300))
    )
    now = timezone.now()
    statuses = [Article.Status.PUBLISHED] * 18 + [Article.Status.DRAFT, Article.Status.ARCHIVED]
    batch = 2_000
    for start in range(existing, target, batch):
        stop = min(start + batch, target)
        articles = []
        for n in range(start, stop):
            status = rng.choice(statuses)
            paragraphs = "".join(
                f"<p>{maker.sentence(25, 60)}.</p>" for _ in range(rng.randint(2, 5))
            )
            articles.append(
                Article(
                    title=maker.sentence(5, 10),
                    slug=f"bench-{n}",
                    category=rng.choice(categories),
                    excerpt=maker.sentence(12, 25),
                    body=paragraphs,
                    status=status,
                    published_at=now - timezone.timedelta(minutes=rng.randint(1, 5 * 365 * 1440))
                    if status == Article.Status.PUBLISHED
                    else None,
                    version=n,
                )
            )
        with transaction.atomic():
            created = Article.objects.bulk_create(articles)
            Article.authors.through.objects.bulk_create(
                Article.authors.through(article_id=a.pk, author_id=rng.choice(authors).pk)
                for a in created
            )
            TaggedArticle.objects.bulk_create(
                TaggedArticle(content_object_id=a.pk, tag_id=t.pk)
                for a in created
                for t in rng.sample(tags, 2)
            )
        print(f"\r{stop}/{target} articles inserted", end="", flush=True)
    print(f"\ninserted in {time.monotonic() - started:.0f} s; building the search index")
    started = time.monotonic()

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total} documents", end="", flush=True)

    rebuild_all(batch_size=1_000, progress=progress)
    print(f"\nindexed in {time.monotonic() - started:.0f} s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def make_queries(count: int, rng: random.Random, maker: TextMaker) -> list[str]:
    """A realistic mix: frequent and rarer words, several words, phrases, variants."""
    from search.analysis import STOPWORDS, words

    topics = list(dict.fromkeys(TOPIC_WORDS.split()))
    rare = [w for w in maker.vocabulary[len(NEWS_WORDS) :] if words(w)[0] not in STOPWORDS]
    head, middle, tail = topics[:40], topics[40:] + rare[:200], rare[200:3000]
    variants = {"المغرب": "بالمغرب", "الحكومة": "والحكومه", "الإرهاب": "الارهاب"}
    queries: list[str] = []
    kinds = ["head", "middle", "middle", "tail", "tail", "two", "two", "three", "phrase", "variant"]
    while len(queries) < count:
        kind = kinds[len(queries) % len(kinds)]
        if kind == "head":
            queries.append(rng.choice(head))
        elif kind == "middle":
            queries.append(rng.choice(middle))
        elif kind == "tail":
            queries.append(rng.choice(tail))
        elif kind == "two":
            queries.append(f"{rng.choice(head + middle)} {rng.choice(middle)}")
        elif kind == "three":
            queries.append(" ".join(rng.sample(middle, 3)))
        elif kind == "phrase":
            first = rng.choice(middle)
            queries.append(f'"{first} {rng.choice(head)}"')
        else:
            queries.append(rng.choice(list(variants.values())))
    return queries


def measure(queries: list[str], passes: int) -> list[float]:
    """Milliseconds per request for each query (best-of-passes is not used: every run counts)."""
    from django.test import Client

    client = Client()
    for query in queries:  # warm-up: connections, caches, the planner's statistics
        client.get("/search/", {"q": query})
    timings: list[float] = []
    for _ in range(passes):
        for query in queries:
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                sys.exit(f"{query!r} answered {response.status_code}")
    return timings


def report(queries: list[str], timings: list[float]) -> None:
    from search.query import search_articles

    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    print(f"\n{len(timings)} timed requests ({len(queries)} queries)")
    print(f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {ordered[-1]:.1f} ms")
    per_query = [timings[i :: len(queries)] for i in range(len(queries))]
    print("\nslowest queries (median ms, results):")
    slowest = sorted(zip(queries, per_query, strict=True), key=lambda x: -statistics.median(x[1]))
    for query, runs in slowest[:8]:
        total = search_articles(query).page(1, 20)[1]
        print(f"  {statistics.median(runs):7.1f}  {total:6d}  {query}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--passes", type=int, default=1, help="timed passes over the queries")
    parser.add_argument("--seed", type=int, default=20_240_601)
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database")
    parser.add_argument("--explain", action="store_true", help="print the plan of one query")
    args = parser.parse_args()

    where = configure(args)
    print(f"benchmark database: {where}")
    rng = random.Random(args.seed)  # noqa: S311  (reproducible data, not secrets)
    maker = TextMaker(rng)
    populate(args.articles, rng, maker)
    queries = make_queries(args.queries, random.Random(args.seed + 1), maker)  # noqa: S311
    if args.explain:
        from search.query import search_articles

        print(search_articles(queries[0]).articles[:20].explain(analyze=True))  # without hints
    report(queries, measure(queries, args.passes))


if __name__ == "__main__":
    main()
