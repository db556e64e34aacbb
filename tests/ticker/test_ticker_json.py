"""/ticker.json: the contract, the cache, the ETag and its invalidation."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from ticker import feed
from ticker.models import Headline

pytestmark = pytest.mark.django_db


def test_the_json_lists_current_headlines_in_ticker_order(client, make_article):
    article = make_article(title="مقال مرتبط")
    Headline.objects.create(text="رابط خارجي", url="https://example.org/a")
    Headline.objects.create(text="عاجل", article=article, is_breaking=True, position=1)
    Headline.objects.create(
        text="منتهي", expires_at=timezone.now() - timedelta(seconds=1),
        starts_at=timezone.now() - timedelta(hours=1),
    )  # fmt: skip
    response = client.get("/ticker.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"headlines", "updated_at"}
    first, second = data["headlines"]
    assert set(first) == {"id", "text", "url", "is_breaking", "starts_at"}
    assert (first["text"], first["url"], first["is_breaking"]) == (
        "عاجل",
        article.get_absolute_url(),
        True,
    )
    assert (second["text"], second["url"]) == ("رابط خارجي", "https://example.org/a")
    assert "max-age=10" in response["Cache-Control"]


def test_urls_are_site_paths_or_http_urls_only(client):
    Headline.objects.create(text="حيلة", url="https://example.org/ok")
    Headline.objects.filter(text="حيلة").update(url="javascript:alert(1)")
    cache.clear()
    (headline,) = client.get("/ticker.json").json()["headlines"]
    assert headline["url"] == ""


def test_text_is_data_not_markup(client):
    Headline.objects.create(text='<img src=x onerror="alert(1)">')
    response = client.get("/ticker.json")
    assert response.json()["headlines"][0]["text"] == '<img src=x onerror="alert(1)">'
    page = client.get("/").text
    assert '<img src=x onerror="alert(1)">' not in page
    assert "&lt;img src=x" in page


def test_an_unchanged_ticker_answers_304(client):
    Headline.objects.create(text="خبر")
    etag = client.get("/ticker.json")["ETag"]
    response = client.get("/ticker.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


def test_a_cached_ticker_costs_no_query_and_a_fresh_one_costs_one(
    client, django_assert_num_queries
):
    Headline.objects.create(text="خبر")
    with django_assert_num_queries(1):  # headlines joined with their articles
        client.get("/ticker.json")
    with django_assert_num_queries(0):
        client.get("/ticker.json")


def test_a_headline_change_reaches_the_json_and_the_pages_once_committed(
    client, django_capture_on_commit_callbacks
):
    headline = Headline.objects.create(text="الصيغة الأولى")
    etag = client.get("/ticker.json")["ETag"]
    assert "الصيغة الأولى" in client.get("/").text  # the rendered ticker is cached too
    with django_capture_on_commit_callbacks(execute=True):
        headline.text = "الصيغة الثانية"
        headline.save()
    response = client.get("/ticker.json", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["headlines"][0]["text"] == "الصيغة الثانية"
    page = client.get("/").text
    assert "الصيغة الثانية" in page and "الصيغة الأولى" not in page
    with django_capture_on_commit_callbacks(execute=True):
        headline.delete()
    assert client.get("/ticker.json").json()["headlines"] == []
    assert "الصيغة الثانية" not in client.get("/").text


def test_unpublishing_a_linked_article_removes_its_headline_once_committed(
    client, make_article, django_capture_on_commit_callbacks
):
    article = make_article()
    Headline.objects.create(text="مرتبط", article=article)
    assert len(client.get("/ticker.json").json()["headlines"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        article.status = "archived"
        article.save()
    assert client.get("/ticker.json").json()["headlines"] == []


def test_the_cache_is_cleared_after_commit_not_inside_the_transaction(
    client, django_capture_on_commit_callbacks
):
    """A request served while the change is uncommitted reads the old rows and caches
    them; clearing inside the transaction would leave that old ticker for 10 s."""
    headline = Headline.objects.create(text="قبل")
    client.get("/ticker.json")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        headline.text = "بعد"
        headline.save()
        stale = feed.cache.get(feed.CACHE_KEY)
        assert stale is not None  # still there until the commit (re-cached by others)
        assert stale[0]["headlines"][0]["text"] == "قبل"
    assert callbacks  # the deletion waited for the commit
    assert feed.cache.get(feed.CACHE_KEY) is None
    assert client.get("/ticker.json").json()["headlines"][0]["text"] == "بعد"


def test_the_ticker_is_server_rendered_on_every_page(client, make_article):
    article = make_article()
    Headline.objects.create(text="خبر عاجل جدا", is_breaking=True)
    for url in ["/", article.get_absolute_url(), article.category.get_absolute_url()]:
        page = client.get(url).text
        assert "خبر عاجل جدا" in page
        assert "data-ticker" in page


@pytest.mark.parametrize(
    ("status", "hours"),
    [("draft", -1), ("review", -1), ("archived", -1), ("published", 2), ("draft", None)],
)
def test_a_headline_shows_only_while_readers_may_see_its_article(
    client, make_article, status, hours
):
    published_at = None if hours is None else timezone.now() + timedelta(hours=hours)
    hidden = make_article(title="خبر غير منشور", status=status, published_at=published_at)
    visible = make_article(title="خبر منشور")
    Headline.objects.create(text="عنوان خبر مخفي", article=hidden)
    Headline.objects.create(text="عنوان خبر ظاهر", article=visible)
    texts = [h["text"] for h in client.get("/ticker.json").json()["headlines"]]
    assert texts == ["عنوان خبر ظاهر"]
    assert list(Headline.objects.current().values_list("text", flat=True)) == texts
