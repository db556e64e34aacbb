"""Hardening of the desk (#13): re-publishing, pinning scheduled stories, presence that
lasts while people edit, preview links that stay dead."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from desk import presence, previews
from tests.desk.admin_forms import LIST_URL, action_data, change_url, form_data, save_as
from ticker.models import Headline

pytestmark = pytest.mark.django_db


# -- 9: «publish now» gives a re-published story the time of its publication ------------


@pytest.mark.parametrize("start", ["archived", "draft", "review"])
def test_publish_now_from_the_list_gives_a_story_back_on_the_site_a_new_time(
    client, editor, make_article, start
):
    old = timezone.now() - timedelta(days=30)
    article = make_article(status=start, published_at=old)
    client.force_login(editor)
    before = timezone.now()
    client.post(LIST_URL, action_data("publish", article))
    article.refresh_from_db()
    assert article.status == "published"
    assert article.published_at >= before
    assert article in Article.objects.published().order_by("-published_at")[:1]


def test_publish_now_keeps_a_scheduled_time_and_a_live_storys_time(client, editor, make_article):
    later = timezone.now() + timedelta(hours=3)
    scheduled = make_article(published_at=later)
    live = make_article()
    live_time = live.published_at
    client.force_login(editor)
    client.post(LIST_URL, action_data("publish", scheduled, live))
    scheduled.refresh_from_db()
    live.refresh_from_db()
    assert scheduled.published_at == later
    assert live.published_at == live_time


def test_publishing_an_archived_story_from_the_form_gives_it_a_new_time(
    client, editor, make_article
):
    article = make_article(status="archived", published_at=timezone.now() - timedelta(days=9))
    client.force_login(editor)
    before = timezone.now()
    response = client.post(change_url(article), form_data(article, status="published"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_visible and article.published_at >= before


def test_a_time_the_editor_types_when_republishing_is_kept(client, editor, make_article):
    article = make_article(status="archived", published_at=timezone.now() - timedelta(days=9))
    client.force_login(editor)
    data = form_data(
        article, status="published", published_at_0="2026-01-05", published_at_1="08:00:00"
    )
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert timezone.localtime(article.published_at).strftime("%Y-%m-%d %H:%M") == (
        "2026-01-05 08:00"
    )


# -- 11: a scheduled story's headline starts when the story appears ---------------------


def test_pinning_a_story_scheduled_a_day_ahead_shows_it_for_its_full_lifetime(editor, make_article):
    appears = timezone.now() + timedelta(hours=24)
    article = make_article(published_at=appears)
    headline = Headline.pin(article, editor)
    assert headline.starts_at == appears
    assert headline.expires_at == appears + timedelta(hours=12)
    assert headline not in Headline.objects.current()
    with time_machine.travel(appears + timedelta(minutes=1), tick=False):
        assert headline in Headline.objects.current()
    with time_machine.travel(appears + timedelta(hours=11), tick=False):
        assert headline in Headline.objects.current()


def test_rescheduling_a_pinned_story_moves_its_headline(client, editor, make_article):
    article = make_article(published_at=timezone.now() + timedelta(hours=2))
    headline = Headline.pin(article, editor)
    later = (timezone.localtime() + timedelta(hours=30)).replace(microsecond=0)
    assert save_as(client, editor, article, published_at=later).status_code == 302
    headline.refresh_from_db()
    assert headline.starts_at == later
    assert headline.expires_at == later + timedelta(hours=12)


# -- 12: presence lasts as long as the heartbeats ----------------------------------------


def test_nobody_vanishes_from_presence_while_their_tab_keeps_beating(make_article):
    article = make_article()
    start = timezone.now()
    for second in range(0, 1500, 20):  # 25 minutes of heartbeats from two open tabs
        with time_machine.travel(start + timedelta(seconds=second), tick=False):
            presence.heartbeat(article.pk, 1, "سلمى")
            presence.heartbeat(article.pk, 2, "يوسف")
            assert [e["name"] for e in presence.others_editing(article.pk, 2)] == ["سلمى"]
            assert [e["name"] for e in presence.others_editing(article.pk, 1)] == ["يوسف"]
    with time_machine.travel(start + timedelta(seconds=1500 + 61), tick=False):
        assert presence.others_editing(article.pk, 2) == []


# -- 18: preview links stay dead after archiving; editors revoke them --------------------
# (archiving, then a return to draft: tests/desk/test_previews.py)


def test_an_editor_revokes_every_outstanding_link_of_a_story(client, editor, make_article):
    article = make_article(status="review", published_at=None)
    other = make_article(status="review", published_at=None)
    links = [previews.preview_url(article.pk) for _ in range(3)]
    other_link = previews.preview_url(other.pk)
    client.force_login(editor)
    page = client.get(change_url(article))
    assert 'id="revoke-previews-form"' in page.text
    response = client.post(f"/admin/articles/article/{article.pk}/revoke-previews/")
    assert response.status_code == 302
    client.logout()
    assert [client.get(link).status_code for link in links] == [404, 404, 404]
    assert client.get(other_link).status_code == 200
    assert client.get(previews.preview_url(article.pk)).status_code == 200


def test_journalists_cannot_revoke_preview_links(client, journalist, make_article):
    article = make_article(status="draft", published_at=None, created_by=journalist)
    link = previews.preview_url(article.pk)
    client.force_login(journalist)
    assert client.post(f"/admin/articles/article/{article.pk}/revoke-previews/").status_code == 403
    assert client.get(link).status_code == 200
