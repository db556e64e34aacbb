"""«Most read»: counted by a beacon into the shared store at once, once per reader and hour,
capped per address, bots, drafts and unknown ids ignored, last seven days."""

import shutil
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.models import Sum
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import default_task_backend

from articles.models import Article
from popularity import counting
from popularity.models import ArticleDailyViews
from tests.services import free_port

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130 Mobile Safari/537.36"


def hit(client, article, agent=BROWSER, address="203.0.113.7"):
    pk = article if isinstance(article, int) else article.pk
    return client.post(f"/hit/{pk}/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def views(article) -> int:
    """Every counted view of the article, whichever days they fell on."""
    rows = ArticleDailyViews.objects.filter(article=article)
    return rows.aggregate(total=Sum("views"))["total"] or 0


def test_an_article_page_view_writes_nothing_to_the_database(client, make_article):
    article = make_article()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(article.get_absolute_url())
    assert f'data-count-url="/hit/{article.pk}/"' in page.text  # the beacon's address
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_a_view_is_stored_at_once_not_kept_in_the_process(client, make_article):
    article = make_article()
    assert hit(client, article).status_code == 204
    assert views(article) == 1  # no buffer a recycled process could lose


def test_the_same_reader_counts_once_an_hour(client, make_article):
    article = make_article()
    for _ in range(10):
        hit(client, article)
    assert views(article) == 1
    hit(client, article, address="198.51.100.20")  # another reader
    assert views(article) == 2
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=1)):
        hit(client, article)
        assert views(article) == 3


def test_an_hour_later_across_midnight_counts_again_on_the_new_day(client, make_article):
    article = make_article()
    late = datetime(2026, 12, 1, 23, 30, tzinfo=ZoneInfo("Africa/Casablanca"))
    with time_machine.travel(late, tick=False):
        hit(client, article)
        hit(client, article)
    with time_machine.travel(late + timedelta(hours=1, seconds=1), tick=False):
        hit(client, article)
    days = dict(ArticleDailyViews.objects.filter(article=article).values_list("day", "views"))
    assert days == {date(2026, 12, 1): 1, date(2026, 12, 2): 1}


def test_two_thousand_beacons_from_one_machine_do_not_move_a_story(client, make_article):
    read = make_article(title="خبر قرأه الناس")
    gamed = make_article(title="خبر يريد أحدهم رفعه")
    for n in range(20):  # twenty real readers
        hit(client, read, address=f"198.51.100.{n + 1}")
    for n in range(2000):  # one machine, a new user agent on every beacon
        hit(client, gamed, agent=f"{BROWSER} build/{n}")
    assert views(read) == 20
    assert views(gamed) <= counting.ADDRESS_ARTICLE_CAP
    assert list(counting.most_read(2)) == [read, gamed]
    block = client.get("/").text.split("most-read-heading", 1)[1]
    assert block.index("خبر قرأه الناس") < block.index("خبر يريد أحدهم رفعه")


def test_one_address_is_capped_across_articles(client, make_article):
    articles = [make_article() for _ in range(counting.ADDRESS_CAP + 10)]
    for article in articles:
        hit(client, article)
    counted = sum(views(article) for article in articles)
    assert counted == counting.ADDRESS_CAP


def test_drafts_scheduled_and_unknown_ids_are_not_counted(client, make_article):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(published_at=timezone.now() + timedelta(hours=2))
    for target in (draft, scheduled, 999_999):
        assert hit(client, target).status_code == 204
    assert not ArticleDailyViews.objects.exists()


def test_bots_are_not_counted(client, make_article):
    article = make_article()
    for agent in ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.4", "",
                  "Mozilla/5.0 (compatible; bingbot/2.0)", "facebookexternalhit/1.1"]:  # fmt: skip
        hit(client, article, agent)
    assert not ArticleDailyViews.objects.exists()


def test_most_read_ranks_the_last_seven_days(client, make_article):
    popular = make_article(title="الأكثر قراءة هذا الأسبوع")
    quiet = make_article(title="أقل قراءة")
    stale = make_article(title="قديم مقروء")
    today = timezone.localdate()
    ArticleDailyViews.objects.create(article=popular, day=today, views=50)
    ArticleDailyViews.objects.create(article=quiet, day=today - timedelta(days=6), views=5)
    ArticleDailyViews.objects.create(article=stale, day=today - timedelta(days=8), views=900)
    assert list(counting.most_read()) == [popular, quiet]
    page = client.get("/").text
    block = page[page.index("most-read-heading") :]
    assert block.index("الأكثر قراءة هذا الأسبوع") < block.index("أقل قراءة")
    assert "قديم مقروء" not in block.split("</section>")[0]


def test_an_absurd_article_id_in_a_beacon_is_refused(client):
    response = client.post("/hit/99999999999999999999/", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 404


def test_a_failing_database_loses_the_view_not_the_request(client, make_article, monkeypatch):
    article = make_article()

    def broken(counts):
        raise RuntimeError("database away")

    monkeypatch.setattr(counting, "write_counts", broken)
    assert hit(client, article).status_code == 204


# -- with Redis: counted in Redis at once, moved to the database by the flush task ----------


@pytest.fixture
def redis_cache():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not installed")
    from newsroom import cache as resilient
    from tests.test_faults import ThrowawayRedis, redis_caches

    server = ThrowawayRedis(free_port())
    server.start()
    resilient._down_until.clear()
    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    try:
        with override_settings(CACHES=redis_caches(server.port), TASKS=dummy):
            default_task_backend.clear()
            yield server
    finally:
        server.stop()
        resilient._down_until.clear()


def test_with_redis_views_wait_in_redis_until_the_flush_task(client, make_article, redis_cache):
    article = make_article()
    for n in range(3):
        hit(client, article, address=f"198.51.100.{n + 1}")
    assert views(article) == 0  # in Redis, shared by every process, not in this one
    (flush,) = flushes()  # one flush enqueued, deferred
    assert flush.task.func.__name__ == "flush_views" and flush.task.run_after is not None
    assert counting.flush_views.call() == 3
    assert views(article) == 3
    assert counting.flush_views.call() == 0  # nothing twice
    hit(client, article, address="198.51.100.9")  # the next view schedules the next flush
    assert len(flushes()) == 2


def flushes() -> list:
    return [r for r in default_task_backend.results if r.task.func.__name__ == "flush_views"]


def test_a_flush_that_fails_midway_loses_nothing(client, make_article, redis_cache, monkeypatch):
    article = make_article()
    hit(client, article)
    real = counting.write_counts
    monkeypatch.setattr(counting, "write_counts", lambda counts: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        counting.flush_views.call()
    hit(client, article, address="198.51.100.50")  # counted meanwhile
    monkeypatch.setattr(counting, "write_counts", real)
    assert counting.flush_views.call() == 2
    assert views(article) == 2


def test_with_redis_down_beacons_are_answered_and_not_counted(client, make_article, redis_cache):
    article = make_article()
    redis_cache.stop()
    # Without the shared store no reader can be told from another: counting stops rather
    # than letting one machine count again and again.
    for _ in range(3):
        assert hit(client, article).status_code == 204
    assert views(article) == 0
