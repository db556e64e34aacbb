"""Scheduled stories appear at their time, decided at query time: no cron, no worker."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article

pytestmark = pytest.mark.django_db


def test_scheduled_article_is_hidden_until_its_time(client, make_article):
    publish_at = timezone.now() + timedelta(hours=3)
    article = make_article(published_at=publish_at)
    assert article.is_scheduled
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/").text

    with time_machine.travel(publish_at + timedelta(seconds=1), tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert client.get(article.get_absolute_url()).status_code == 200
        assert article.title in client.get("/").text
        assert article.title in client.get(article.category.get_absolute_url()).text


@pytest.mark.parametrize("status", ["draft", "review", "archived"])
def test_readers_get_404_for_unpublished_articles(client, make_article, status):
    article = make_article(status=status, published_at=timezone.now() - timedelta(days=1))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.title not in client.get("/").text


def test_publishing_without_a_time_publishes_now(make_article):
    article = make_article(status="draft", published_at=None)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()


@pytest.mark.parametrize("status", [choice.value for choice in Article.Status])
@pytest.mark.parametrize("offset", [None, -3600, -1, 1, 3600])
def test_an_articles_own_flags_agree_with_the_querysets(make_article, status, offset):
    """``is_visible``/``is_scheduled`` are ``published()``/``scheduled()`` for one article in
    memory: the same answer for every status and time, so neither can drift."""
    now = timezone.now()
    published_at = None if offset is None else now + timedelta(seconds=offset)
    article = make_article(status=status, published_at=published_at)
    if offset is None:  # saving a published story without a time stamps it
        Article.objects.filter(pk=article.pk).update(published_at=None)
        article.published_at = None
    with time_machine.travel(now, tick=False):
        assert article.is_visible == Article.objects.published().filter(pk=article.pk).exists()
        assert article.is_scheduled == Article.objects.scheduled().filter(pk=article.pk).exists()
