"""A tag or author used only by stories readers cannot see has no public page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Author, Tag

pytestmark = pytest.mark.django_db

HIDDEN_STATES = {
    "draft": {"status": "draft", "published_at": None},
    "review": {"status": "review", "published_at": None},
    "archived": {"status": "archived"},
    "scheduled": {"published_at": timezone.now() + timedelta(days=2)},
}


@pytest.fixture
def embargoed(make_article, request):
    author = Author.objects.create(name="مصدر سري", slug="masdar")
    article = make_article(authors=[author], tags=["صفقة سرية"], **HIDDEN_STATES[request.param])
    return article, author, Tag.objects.get(name="صفقة سرية")


@pytest.mark.parametrize("embargoed", list(HIDDEN_STATES), indirect=True)
def test_a_name_only_on_hidden_stories_answers_404(client, embargoed):
    _, author, tag = embargoed
    for url in (tag.get_absolute_url(), author.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "صفقة سرية" not in response.text and "مصدر سري" not in response.text


@pytest.mark.parametrize("embargoed", ["draft"], indirect=True)
def test_the_page_appears_once_a_published_story_carries_it(client, embargoed, make_article):
    _, author, tag = embargoed
    make_article(authors=[author], tags=["صفقة سرية"])
    assert client.get(tag.get_absolute_url()).status_code == 200
    assert client.get(author.get_absolute_url()).status_code == 200


def test_an_unused_tag_or_author_answers_404(client, db):
    tag = Tag.objects.create(name="وسم يتيم")
    author = Author.objects.create(name="كاتب بلا مقالات", slug="bila")
    assert client.get(tag.get_absolute_url()).status_code == 404
    assert client.get(author.get_absolute_url()).status_code == 404
