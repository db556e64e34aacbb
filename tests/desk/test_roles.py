"""The role matrix, walked through the admin's real HTTP paths.

A journalist writes and submits; an editor publishes, schedules, archives and deletes.
Crafted requests from a journalist are refused or ignored, never obeyed.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Gallery
from tests.conftest import form_errors
from tests.desk.admin_forms import (
    ADD_URL,
    LIST_URL,
    action_data,
    change_url,
    form_data,
    save_as,
)
from ticker.models import Headline

pytestmark = pytest.mark.django_db

Status = Article.Status


@pytest.fixture
def own_draft(make_article, journalist):
    return make_article(status=Status.DRAFT, created_by=journalist, published_at=None)


@pytest.fixture
def colleagues_draft(make_article, other_journalist):
    return make_article(status=Status.DRAFT, created_by=other_journalist, published_at=None)


@pytest.fixture
def own_published(make_article, journalist):
    return make_article(status=Status.PUBLISHED, created_by=journalist)


# -- creating --------------------------------------------------------------------------


def test_journalist_creates_a_draft_owned_by_them(client, journalist, category):
    client.force_login(journalist)
    response = client.post(ADD_URL, form_data(category=str(category.pk)))
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert (article.status, article.created_by) == (Status.DRAFT, journalist)


@pytest.mark.parametrize("status", ["published", "archived"])
def test_journalist_cannot_create_an_article_as_published_or_archived(
    client, journalist, category, status
):
    client.force_login(journalist)
    future = timezone.localtime() + timedelta(days=1)
    response = client.post(
        ADD_URL,
        form_data(
            category=str(category.pk),
            status=status,
            published_at_0=future.strftime("%Y-%m-%d"),
            published_at_1="10:00:00",
        ),
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "status" in response.context["adminform"].form.errors
    assert not Article.objects.exists()


# -- editing ---------------------------------------------------------------------------


def test_journalist_submits_own_draft_for_review(client, journalist, own_draft):
    response = save_as(client, journalist, own_draft, status="review")
    assert response.status_code == 302
    assert own_draft.status == Status.REVIEW


def test_journalist_cannot_publish_own_draft_by_posting_the_status(client, journalist, own_draft):
    response = save_as(client, journalist, own_draft, status="published")
    assert response.status_code == 200
    assert own_draft.status == Status.DRAFT
    assert not Article.objects.published().exists()


def test_journalist_cannot_schedule_by_posting_a_publication_time(client, journalist, own_draft):
    client.force_login(journalist)
    data = form_data(own_draft, status="review", published_at_0="2030-01-01")
    data["published_at_1"] = "09:00:00"
    assert client.post(change_url(own_draft), data).status_code == 302
    own_draft.refresh_from_db()
    assert own_draft.status == Status.REVIEW
    assert own_draft.published_at is None


def test_journalist_cannot_edit_a_colleagues_article(client, journalist, colleagues_draft):
    client.force_login(journalist)
    page = client.get(change_url(colleagues_draft))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False  # read-only view
    response = client.post(change_url(colleagues_draft), form_data(colleagues_draft, title="x"))
    assert response.status_code == 403
    colleagues_draft.refresh_from_db()
    assert colleagues_draft.title != "x"


def test_journalist_cannot_edit_their_own_published_article(client, journalist, own_published):
    response = save_as(client, journalist, own_published, title="معدل")
    assert response.status_code == 403
    assert own_published.title != "معدل"


def test_editor_edits_anyones_article(client, editor, colleagues_draft):
    response = save_as(client, editor, colleagues_draft, title="محرر")
    assert response.status_code == 302
    assert colleagues_draft.title == "محرر"
    assert colleagues_draft.updated_by == editor


# -- publishing, scheduling, archiving -------------------------------------------------


def test_editor_publishes_from_the_change_form(client, editor, own_draft):
    client.force_login(editor)
    response = client.post(change_url(own_draft), form_data(own_draft, status="published"))
    assert response.status_code == 302
    assert Article.objects.published().get() == own_draft


def test_editor_schedules_an_article(client, editor, own_draft):
    when = timezone.localtime() + timedelta(days=2)
    response = save_as(client, editor, own_draft, status="published", published_at=when)
    assert response.status_code == 302
    assert own_draft.is_scheduled
    assert not Article.objects.published().exists()


@pytest.mark.parametrize(
    ("action", "start", "end"),
    [
        ("publish", Status.REVIEW, Status.PUBLISHED),
        ("archive", Status.PUBLISHED, Status.ARCHIVED),
        ("publish", Status.ARCHIVED, Status.PUBLISHED),
        ("return_to_draft", Status.PUBLISHED, Status.DRAFT),
    ],
)
def test_editor_moves_articles_through_the_workflow(
    client, editor, make_article, action, start, end
):
    article = make_article(status=start)
    client.force_login(editor)
    response = client.post(LIST_URL, action_data(action, article))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == end


@pytest.mark.parametrize("action", ["publish", "archive", "return_to_draft"])
def test_journalist_cannot_use_editor_actions(client, journalist, make_article, action):
    article = make_article(status=Status.REVIEW, created_by=journalist, published_at=None)
    published = make_article(status=Status.PUBLISHED, created_by=journalist)
    client.force_login(journalist)
    client.post(LIST_URL, action_data(action, article, published))
    article.refresh_from_db()
    published.refresh_from_db()
    assert (article.status, published.status) == (Status.REVIEW, Status.PUBLISHED)


def test_journalist_submits_only_own_drafts_by_the_list_action(
    client, journalist, own_draft, colleagues_draft
):
    client.force_login(journalist)
    client.post(LIST_URL, action_data("submit_for_review", own_draft, colleagues_draft))
    own_draft.refresh_from_db()
    colleagues_draft.refresh_from_db()
    assert (own_draft.status, colleagues_draft.status) == (Status.REVIEW, Status.DRAFT)


# -- deleting --------------------------------------------------------------------------


def delete(client, article):
    return client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})


def test_journalist_cannot_delete_a_published_article(client, journalist, own_published):
    client.force_login(journalist)
    assert delete(client, own_published).status_code == 403
    assert Article.objects.filter(pk=own_published.pk).exists()


def test_journalist_cannot_bulk_delete_published_articles(client, journalist, own_published):
    client.force_login(journalist)
    data = action_data("delete_selected", own_published)
    data["post"] = "yes"
    client.post(LIST_URL, data)
    assert Article.objects.filter(pk=own_published.pk).exists()


def test_journalist_may_delete_their_own_draft(client, journalist, own_draft):
    client.force_login(journalist)
    assert delete(client, own_draft).status_code == 302
    assert not Article.objects.filter(pk=own_draft.pk).exists()


def test_editor_deletes_a_published_article(client, editor, own_published):
    client.force_login(editor)
    assert delete(client, own_published).status_code == 302
    assert not Article.objects.filter(pk=own_published.pk).exists()


# -- the ticker and the rest -----------------------------------------------------------


def headline_data() -> dict:
    now = timezone.localtime()
    return {
        "text": "عاجل: خبر",
        "url": "https://example.org/",
        "is_breaking": "on",
        "position": "",
        "starts_at_0": now.strftime("%Y-%m-%d"),
        "starts_at_1": now.strftime("%H:%M:%S"),
        "expires_at_0": "",
        "expires_at_1": "",
        "article": "",
    }


def test_journalist_cannot_pin_to_the_ticker(client, journalist):
    client.force_login(journalist)
    assert client.post("/admin/ticker/headline/add/", headline_data()).status_code == 403
    assert not Headline.objects.exists()


def test_editor_pins_to_the_ticker(client, editor):
    client.force_login(editor)
    assert client.post("/admin/ticker/headline/add/", headline_data()).status_code == 302
    assert Headline.objects.get().created_by == editor


@pytest.mark.parametrize("url", ["/admin/articles/category/add/", "/admin/articles/author/add/"])
def test_only_editors_manage_sections_and_authors(client, journalist, editor, url):
    client.force_login(journalist)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    assert client.get(url).status_code == 200


def test_readers_are_sent_to_the_login_page(client, own_draft):
    response = client.get(change_url(own_draft))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


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
