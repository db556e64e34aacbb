"""The demo newsroom a newcomer gets from `make run`."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from articles.models import Article, Author, Category, Gallery
from demo import content
from ticker.models import Headline

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_newsroom")]


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Category, Article, Author, Headline, User, Gallery)
    )


def test_demo_refuses_to_load_with_debug_off(settings):
    settings.DEBUG = False
    before = counts()
    with pytest.raises(CommandError, match="DJANGO_DEBUG"):
        call_command("load_demo")
    assert counts() == before


def test_the_demo_newsroom_has_every_kind_of_story_from_its_data_files():
    assert Category.objects.count() == len(content.sections())
    assert Article.objects.count() == len(content.articles())
    assert Author.objects.count() == len(content.authors())
    kinds = set(Article.objects.values_list("kind", flat=True))
    assert {"story", "gallery", "video", "opinion"} <= kinds
    assert Gallery.objects.filter(photos__isnull=False).exists()
    assert Article.objects.filter(tags__isnull=False).exists()
    assert Headline.objects.current().exists()
    assert {"journalist", "editor", "admin"} <= set(User.objects.values_list("username", flat=True))
    first_byline = Author.objects.get(slug=content.authors()[0]["slug"])
    assert first_byline.user.username == "journalist"


def test_every_published_demo_story_answers_and_the_others_do_not(client):
    for article in Article.objects.published():
        assert client.get(article.get_absolute_url()).status_code == 200, article.slug
    hidden = Article.objects.exclude(pk__in=Article.objects.published())
    assert hidden.count() == 3  # the draft, the story in review and the scheduled one
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404, article.slug


def test_loading_again_duplicates_nothing_and_prints_no_password(settings):
    settings.DEBUG = True
    before = counts()
    output = load_demo()
    assert counts() == before
    assert "(0 new articles)" in output
    assert "demo-2026" not in output


def test_what_people_deleted_or_changed_stays_so(settings):
    settings.DEBUG = True
    deleted = Article.objects.published().first()
    deleted.delete()
    Headline.objects.all().delete()
    editor = User.objects.get(username="editor")
    editor.set_password("a-new-password-of-her-own")
    editor.save()

    load_demo()

    assert not Article.objects.filter(slug=deleted.slug).exists()
    assert not Headline.objects.exists()
    assert User.objects.get(username="editor").check_password("a-new-password-of-her-own")


def test_a_fresh_database_prints_only_the_accounts_it_created(settings):
    settings.DEBUG = True
    User.objects.filter(username="admin").delete()
    from demo.models import LoadedItem

    LoadedItem.objects.filter(kind="account").delete()  # as on a database without them
    output = load_demo()
    assert "admin-demo-2026" in output  # created now
    assert "editor-demo-2026" not in output  # existed: not ours to print or change


def test_demo_editor_logs_into_the_arabic_admin(client):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "editor-demo-2026"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.context["user"].username == "editor"
    assert 'lang="ar" dir="rtl"' in response.text
