"""The editor's desk on the admin home, presence on the change form, tag suggestions."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone

from ticker.models import Headline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def test_the_desk_shows_review_scheduled_latest_and_ticker(client, editor, make_article):
    waiting = make_article(title="ينتظر المراجعة", status="review", published_at=None)
    scheduled = make_article(title="مبرمج للغد", published_at=timezone.now() + timedelta(days=1))
    latest = make_article(title="منشور للتو")
    Headline.objects.create(text="عاجل على الشريط", is_breaking=True)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    desk = response.context["review"], response.context["scheduled"], response.context["latest"]
    assert [list(q) for q in desk] == [[waiting], [scheduled], [latest]]
    for text in ["ينتظر المراجعة", "مبرمج للغد", "منشور للتو", "عاجل على الشريط"]:
        assert text in response.text


def test_the_article_list_filters_by_status_section_and_author(
    client, editor, make_article, author
):
    scheduled = make_article(title="مجدول", published_at=timezone.now() + timedelta(hours=5))
    live = make_article(title="حي", authors=[author])
    client.force_login(editor)
    page = client.get("/admin/articles/article/?state=scheduled")
    assert list(page.context["cl"].result_list) == [scheduled]
    page = client.get(f"/admin/articles/article/?authors__id__exact={author.pk}")
    assert list(page.context["cl"].result_list) == [live]
    page = client.get("/admin/articles/article/?q=حي")
    assert list(page.context["cl"].result_list) == [live]


def heartbeat(client, article):
    return client.post(f"/admin/articles/article/{article.pk}/presence/")


def test_someone_opening_an_article_sees_who_else_is_editing_it(
    client, editor, superuser, make_article
):
    article = make_article()
    client.force_login(superuser)
    assert heartbeat(client, article).json() == {"others": []}

    client.force_login(editor)
    assert heartbeat(client, article).json() == {"others": ["chief"]}
    page = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert "chief" in page.context["others_editing"]
    assert "presence-takeover" in page.text


def test_presence_goes_stale_after_a_minute(client, editor, superuser, make_article):
    article = make_article()
    client.force_login(superuser)
    heartbeat(client, article)
    client.force_login(editor)
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        assert heartbeat(client, article).json() == {"others": []}


def test_presence_is_for_staff_who_may_see_the_article(client, make_article):
    article = make_article()
    assert heartbeat(client, article).status_code == 302  # login


def test_tag_suggestions_match_any_spelling(client, journalist, make_article):
    make_article(tags=["الإستثمار", "الرياضة"])
    client.force_login(journalist)
    response = client.get("/admin/articles/article/tag-suggestions/", {"q": "الاست"})
    assert response.json() == {"tags": ["الإستثمار"]}
