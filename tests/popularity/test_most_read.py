"""«Most read»: counted by a beacon, batched, bots ignored, last seven days."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from popularity import counting
from popularity.models import ArticleDailyViews

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130 Mobile Safari/537.36"


def hit(client, article, agent=BROWSER):
    return client.post(f"/hit/{article.pk}/", HTTP_USER_AGENT=agent)


def test_an_article_page_view_writes_nothing_to_the_database(client, make_article):
    article = make_article()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(article.get_absolute_url())
    assert f'data-count-url="/hit/{article.pk}/"' in page.text  # the beacon's address
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert writes == []


def test_beacons_are_counted_in_batches_not_one_write_each(client, make_article):
    article = make_article()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            assert hit(client, article).status_code == 204
    assert len(queries) == 0  # buffered in the process
    counting.buffer.flush()
    assert ArticleDailyViews.objects.get(article=article).views == 5


def test_bots_are_not_counted(client, make_article):
    article = make_article()
    for agent in ["Googlebot/2.1 (+http://www.google.com/bot.html)", "curl/8.4", "",
                  "Mozilla/5.0 (compatible; bingbot/2.0)", "facebookexternalhit/1.1"]:  # fmt: skip
        hit(client, article, agent)
    counting.buffer.flush()
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


def test_the_buffer_flushes_itself_after_its_interval(client, make_article):
    article = make_article()
    hit(client, article)
    assert not ArticleDailyViews.objects.exists()
    with time_machine.travel(timezone.now() + timedelta(seconds=counting.FLUSH_SECONDS + 1)):
        hit(client, article)
    assert ArticleDailyViews.objects.get(article=article).views == 2


def test_hits_for_unknown_articles_are_dropped(client):
    client.post("/hit/999999/", HTTP_USER_AGENT=BROWSER)
    counting.buffer.flush()
    assert not ArticleDailyViews.objects.exists()


def test_an_absurd_article_id_in_a_beacon_is_refused(client):
    response = client.post("/hit/99999999999999999999/", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 404


def test_a_failing_flush_loses_the_batch_not_the_request(client, make_article, monkeypatch):
    article = make_article()

    def broken(counts):
        raise RuntimeError("database away")

    monkeypatch.setattr(counting, "_write", broken)
    counting.buffer.add(article.pk)
    counting.buffer.flush()  # logs, does not raise
    assert counting.buffer._counts == {}
