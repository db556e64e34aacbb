"""Defects found in review, each pinned by the behaviour a user must get."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from articles import popularity, previews
from articles.models import Article, Gallery, Tag
from articles.sanitize import clean_html
from tests.articles.admin_forms import ADD_URL, change_url, form_data
from tests.conftest import form_errors, sample_jpeg

pytestmark = pytest.mark.django_db


def test_journalist_cannot_restore_a_revision_of_a_published_article(
    client, journalist, editor, category
):
    client.force_login(journalist)
    client.post(ADD_URL, form_data(category=str(category.pk), title="مسودة الصحفي"))
    article = Article.objects.get()
    draft_version = Version.objects.get_for_object(article).first()
    client.force_login(editor)
    client.post(change_url(article), form_data(article, status="published"))
    article.refresh_from_db()
    assert article.is_visible

    client.force_login(journalist)
    url = f"/admin/articles/article/{article.pk}/history/{draft_version.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(article, status="review")).status_code == 403
    assert client.get(f"/admin/articles/article/recover/{draft_version.pk}/").status_code == 403
    article.refresh_from_db()
    assert article.is_visible


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


def test_journalist_cannot_change_a_gallery_shown_by_a_published_article(
    client, journalist, make_article
):
    gallery = Gallery.objects.create(title="ألبوم منشور")
    make_article(kind="gallery", gallery=gallery)
    client.force_login(journalist)
    data = {"title": "تغيير", "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"}
    assert client.post(f"/admin/articles/gallery/{gallery.pk}/change/", data).status_code == 403
    gallery.refresh_from_db()
    assert gallery.title == "ألبوم منشور"


def test_journalist_changes_a_gallery_of_their_own_draft(client, journalist, make_article):
    gallery = Gallery.objects.create(title="ألبومي")
    make_article(kind="gallery", gallery=gallery, status="draft", created_by=journalist)
    client.force_login(journalist)
    data = {"title": "ألبومي المعدل", "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"}
    response = client.post(f"/admin/articles/gallery/{gallery.pk}/change/", data)
    assert response.status_code == 302
    gallery.refresh_from_db()
    assert gallery.title == "ألبومي المعدل"


def test_a_lookalike_tag_added_in_the_tag_admin_is_a_form_error(client, journalist):
    Tag.objects.create(name="الاستثمار")
    client.force_login(journalist)
    response = client.post("/admin/articles/tag/add/", {"name": "الإستثمار"})
    assert response.status_code == 200
    assert "name" in form_errors(response)
    assert Tag.objects.count() == 1


def test_an_absurd_article_id_in_a_beacon_is_refused(client):
    response = client.post("/hit/99999999999999999999/", HTTP_USER_AGENT="Mozilla/5.0")
    assert response.status_code == 404


def test_a_failing_flush_loses_the_batch_not_the_request(client, make_article, monkeypatch):
    article = make_article()

    def broken(counts):
        raise RuntimeError("database away")

    monkeypatch.setattr(popularity, "_write", broken)
    popularity.buffer.add(article.pk)
    popularity.buffer.flush()  # logs, does not raise
    assert popularity.buffer._counts == {}


@pytest.mark.parametrize("url", ["/archive/9999/12/31/", "/archive/9999/12/", "/archive/0/1/1/"])
def test_archive_dates_at_the_edge_of_the_calendar_are_404(client, url):
    assert client.get(url).status_code == 404


def test_a_reader_of_a_published_article_does_not_count_as_editing_it(
    client, journalist, make_article
):
    article = make_article(created_by=journalist)  # published: read-only for its writer
    client.force_login(journalist)
    assert client.post(f"/admin/articles/article/{article.pk}/presence/").status_code == 403
    assert client.get(f"/admin/articles/article/{article.pk}/presence/").status_code == 200


def test_archiving_an_article_ends_its_preview_links(client, make_article):
    article = make_article(status="review", published_at=None)
    link = previews.preview_url(article.pk)
    assert client.get(link).status_code == 200
    article.status = Article.Status.ARCHIVED
    article.save()
    assert client.get(link).status_code == 404


def test_images_in_bodies_must_be_https_or_on_this_site():
    assert 'src="http://' not in clean_html('<img src="http://tracker.example/p.gif">')
    assert 'src="https://cdn.example/a.jpg"' in clean_html('<img src="https://cdn.example/a.jpg">')


def test_an_uploaded_author_photo_is_checked(client, editor):
    client.force_login(editor)
    bad = SimpleUploadedFile("me.jpg", b"%PDF-1.4 not an image", "image/jpeg")
    response = client.post(
        "/admin/articles/author/add/", {"name": "كاتب", "slug": "", "bio": "", "photo": bad}
    )
    assert response.status_code == 200
    assert "photo" in form_errors(response)
    good = sample_jpeg((200, 200))
    good_upload = SimpleUploadedFile("me.jpg", good.read(), "image/jpeg")
    response = client.post(
        "/admin/articles/author/add/",
        {"name": "كاتب", "slug": "", "bio": "", "photo": good_upload},
    )
    assert response.status_code == 302, form_errors(response)


def test_a_section_without_a_slug_gets_one_from_its_arabic_name(client, editor):
    client.force_login(editor)
    data = {"name": "الصحة والعلوم", "slug": "", "description": "", "position": "3"}
    assert client.post("/admin/articles/category/add/", data).status_code == 302
    response = client.post("/admin/articles/category/add/", data)
    assert response.status_code == 200  # same name, same slug: refused, not a 500
    from articles.models import Category

    assert Category.objects.get().slug == "الصحة-والعلوم"
