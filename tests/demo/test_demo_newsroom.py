"""The demo newsroom a newcomer gets from `make run`."""

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from articles.models import Article, Author, Category, Gallery
from ticker.models import Headline

pytestmark = pytest.mark.django_db


def test_demo_refuses_to_load_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("load_demo")
    assert not Article.objects.exists()


def test_demo_newsroom_is_complete_idempotent_and_every_story_answers(settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (Category.objects.count(), Article.objects.count(), Author.objects.count())
    assert counts[0] >= 7
    assert counts[1] >= 60
    kinds = set(Article.objects.values_list("kind", flat=True))
    assert {"story", "gallery", "video", "opinion"} <= kinds
    assert Gallery.objects.filter(photos__isnull=False).exists()
    assert Article.objects.filter(tags__isnull=False).exists()
    assert Headline.objects.current().exists()
    assert {"journalist", "editor", "admin"} <= set(User.objects.values_list("username", flat=True))

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Category.objects.count(), Article.objects.count(), Author.objects.count()) == counts

    for article in Article.objects.published():
        assert client.get(article.get_absolute_url()).status_code == 200, article.slug
    hidden = Article.objects.exclude(pk__in=Article.objects.published())
    assert hidden.count() >= 3  # draft, review and scheduled demo stories
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404, article.slug


def test_demo_editor_logs_into_the_arabic_admin(settings, client):
    settings.DEBUG = True
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "editor-demo-2026"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["user"].username == "editor"
    assert 'dir="rtl"' in response.text
    assert 'lang="ar"' in response.text
