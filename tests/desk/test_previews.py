"""Staff preview any article; reviewers outside the newsroom get a signed, expiring link."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from articles.models import Article
from desk import previews

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(make_article, journalist):
    return make_article(status="draft", published_at=None, created_by=journalist)


def test_staff_preview_a_draft_as_readers_will_see_it(client, journalist, draft):
    client.force_login(journalist)
    response = client.get(f"/admin/articles/article/{draft.pk}/preview/")
    assert response.status_code == 200
    assert draft.title in response.text
    assert 'dir="rtl"' in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_readers_cannot_use_the_staff_preview(client, draft):
    response = client.get(f"/admin/articles/article/{draft.pk}/preview/")
    assert response.status_code == 302  # to the login page


def test_editor_hands_out_a_signed_preview_link(client, editor, draft):
    client.force_login(editor)
    response = client.post(f"/admin/articles/article/{draft.pk}/share-preview/", follow=True)
    message = " ".join(str(m) for m in response.context["messages"])
    origin = re.escape(settings.SITE_URL)
    link = re.search(rf"{origin}(/preview/[^'\"<\s]+/)", message).group(1)
    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert draft.title in page.text


def test_journalist_cannot_create_preview_links(client, journalist, draft):
    client.force_login(journalist)
    response = client.post(f"/admin/articles/article/{draft.pk}/share-preview/")
    assert response.status_code == 403


def test_a_preview_link_expires_after_48_hours(client, draft):
    link = previews.preview_url(draft.pk)
    with time_machine.travel(timezone.now() + timedelta(hours=47), tick=False):
        assert client.get(link).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=49), tick=False):
        assert client.get(link).status_code == 404


def test_a_preview_link_shows_one_article_and_cannot_be_altered(client, make_article, draft):
    other = make_article(status="draft", published_at=None)
    link = previews.preview_url(draft.pk)
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = token.replace(token[2], "A" if token[2] != "A" else "B", 1)
    assert client.get(f"/preview/{forged}/").status_code == 404
    assert other.title not in client.get(link).text
    assert client.get("/preview/not-a-token/").status_code == 404


def test_archiving_an_article_ends_its_preview_links_for_good(client, make_article):
    article = make_article(status="review", published_at=None)
    link = previews.preview_url(article.pk)
    assert client.get(link).status_code == 200
    article.status = Article.Status.ARCHIVED
    article.save()
    assert client.get(link).status_code == 404
    article.status = Article.Status.DRAFT  # back to the writer: the old link stays dead
    article.save()
    assert client.get(link).status_code == 404
    fresh = previews.preview_url(article.pk)  # a new link works
    assert client.get(fresh).status_code == 200
