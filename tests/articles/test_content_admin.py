"""The admin of sections, bylines and tags: Unicode slugs, lookalike tags, checked photos."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article, Category, Tag
from tests.conftest import form_errors, sample_jpeg
from tests.desk.admin_forms import ADD_URL, form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("slug", ["---", "؟؟؟", "***"])
def test_a_slug_of_symbols_only_is_a_form_error(client, editor, category, slug):
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(category=str(category.pk), slug=slug))
    assert response.status_code == 200
    assert "slug" in form_errors(response)
    assert not Article.objects.exists()


def test_a_slug_differing_only_by_case_is_taken(client, editor, make_article, category):
    make_article(slug="abc")
    client.force_login(editor)
    response = client.post(ADD_URL, form_data(category=str(category.pk), slug="ABC"))
    assert response.status_code == 200
    assert "slug" in form_errors(response)


def test_a_lookalike_tag_added_in_the_tag_admin_is_a_form_error(client, journalist):
    Tag.objects.create(name="الاستثمار")
    client.force_login(journalist)
    response = client.post("/admin/articles/tag/add/", {"name": "الإستثمار"})
    assert response.status_code == 200
    assert "name" in form_errors(response)
    assert Tag.objects.count() == 1


def test_an_uploaded_author_photo_is_checked(client, editor):
    client.force_login(editor)
    bad = SimpleUploadedFile("me.jpg", b"%PDF-1.4 not an image", "image/jpeg")
    response = client.post(
        "/admin/articles/author/add/",
        {"name": "كاتب", "kind": "person", "slug": "", "bio": "", "photo": bad},
    )
    assert response.status_code == 200
    assert "photo" in form_errors(response)
    good = sample_jpeg((200, 200))
    good_upload = SimpleUploadedFile("me.jpg", good.read(), "image/jpeg")
    response = client.post(
        "/admin/articles/author/add/",
        {"name": "كاتب", "kind": "person", "slug": "", "bio": "", "photo": good_upload},
    )
    assert response.status_code == 302, form_errors(response)


def test_a_section_without_a_slug_gets_one_from_its_arabic_name(client, editor):
    client.force_login(editor)
    data = {"name": "الصحة والعلوم", "slug": "", "description": "", "position": "3"}
    assert client.post("/admin/articles/category/add/", data).status_code == 302
    response = client.post("/admin/articles/category/add/", data)
    assert response.status_code == 200  # same name, same slug: refused, not a 500
    assert Category.objects.get().slug == "الصحة-والعلوم"
