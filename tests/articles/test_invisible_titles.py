"""A title made only of direction or zero-width characters is a form error, never stored
empty: for articles, sections, authors, tags, galleries and ticker headlines."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, Author, Category, Gallery, Tag
from tests.conftest import form_errors
from tests.desk.admin_forms import ADD_URL, form_data
from tests.desk.test_galleries_and_editor import inline_management
from ticker.models import Headline

pytestmark = pytest.mark.django_db

INVISIBLE = [
    "\u200f",  # RLM
    "\u200e\u200f\u061c",  # LRM, RLM, ALM
    "\u202e\u202c",  # RLO … PDF
    "\u2067\u2069",  # RLI … PDI
    "\u200b\u2060\ufeff",  # zero-width space, word joiner, BOM
    " \u200f \u200b ",  # with spaces around
    "\u202a\u202b\u202d",  # embeddings and LRO
]


FORMS = {
    "article": (ADD_URL, "title", Article, lambda t, c: form_data(title=t, category=str(c.pk))),
    "section": (
        "/admin/articles/category/add/",
        "name",
        Category,
        lambda t, c: {"name": t, "slug": "", "description": "", "position": "0"},
    ),
    "author": (
        "/admin/articles/author/add/",
        "name",
        Author,
        lambda t, c: {"name": t, "slug": "", "bio": "", "user": ""},
    ),
    "tag": ("/admin/articles/tag/add/", "name", Tag, lambda t, c: {"name": t}),
    "gallery": (
        "/admin/articles/gallery/add/",
        "title",
        Gallery,
        lambda t, c: {"title": t, **inline_management("photos")},
    ),
    "headline": (
        "/admin/ticker/headline/add/",
        "text",
        Headline,
        lambda t, c: {
            "text": t,
            "url": "",
            "article": "",
            "position": "",
            "starts_at_0": "2026-05-01",
            "starts_at_1": "10:00:00",
            "expires_at_0": "",
            "expires_at_1": "",
        },
    ),
}


@pytest.mark.parametrize("title", INVISIBLE)
@pytest.mark.parametrize("kind", list(FORMS))
def test_an_invisible_title_is_a_form_error(client, superuser, category, kind, title):
    url, field, model, data = FORMS[kind]
    before = model.objects.count()
    client.force_login(superuser)
    response = client.post(url, data(title, category))
    assert response.status_code == 200, kind
    assert field in form_errors(response), form_errors(response)
    assert model.objects.count() == before


@pytest.mark.parametrize("title", INVISIBLE)
def test_the_models_clean_refuses_it_too(category, title):
    for instance, field in [
        (Article(title=title, category=category), "title"),
        (Category(name=title), "name"),
        (Author(name=title), "name"),
        (Tag(name=title), "name"),
        (Gallery(title=title), "title"),
        (Headline(text=title), "text"),
    ]:
        with pytest.raises(ValidationError) as caught:
            instance.full_clean()
        assert field in caught.value.message_dict


def test_a_title_with_marks_around_words_is_kept_without_them(client, superuser, category):
    client.force_login(superuser)
    response = client.post(
        ADD_URL, form_data(title="\u200fخبر\u200b عاجل\u202c", category=str(category.pk))
    )
    assert response.status_code == 302, form_errors(response)
    assert Article.objects.get().title == "خبر عاجل"
