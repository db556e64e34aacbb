"""The history page: what really changed, the body's text as a word difference, and a
one-click restore for editors that keeps the story's status."""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.desk.admin_forms import ADD_URL, change_url, form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(client, editor, category):
    client.force_login(editor)
    data = form_data(
        category=str(category.pk), title="عنوان أول", body="<p>قال الوزير إن المشروع جاهز.</p>"
    )
    client.post(ADD_URL, data)
    article = Article.objects.get()
    client.post(
        change_url(article),
        form_data(
            article,
            title="عنوان ثان",
            body="<p>قال الوزير إن المشروع سيتأخر.</p>",
            status="published",
        ),
    )
    article.refresh_from_db()
    return article


def test_a_revision_shows_the_body_as_a_word_difference(client, edited):
    latest = Version.objects.get_for_object(edited).order_by("-pk").first()
    page = client.get(f"/admin/articles/article/{edited.pk}/history/{latest.pk}/changes/").text
    assert "<del>جاهز.</del>" in page and "<ins>سيتأخر.</ins>" in page
    assert "<del>أول</del>" in page
    assert "Body" not in page


def test_the_history_links_each_version_to_its_changes(client, edited):
    page = client.get(f"/admin/articles/article/{edited.pk}/history/").text
    assert page.count("/changes/") == 2
    assert "Restore" not in page


def test_an_editor_restores_an_earlier_text_in_one_click_and_it_stays_published(client, edited):
    first = Version.objects.get_for_object(edited).order_by("pk").first()
    assert edited.is_visible
    response = client.post(f"/admin/articles/article/{edited.pk}/history/{first.pk}/restore/")
    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.title == "عنوان أول" and "جاهز" in edited.body
    assert edited.is_visible  # the status did not go back to draft
    assert Version.objects.get_for_object(edited).count() == 3


def test_a_journalist_cannot_restore(client, journalist, edited):
    first = Version.objects.get_for_object(edited).order_by("pk").first()
    client.force_login(journalist)
    url = f"/admin/articles/article/{edited.pk}/history/{first.pk}/restore/"
    assert client.post(url).status_code == 403
    edited.refresh_from_db()
    assert edited.title == "عنوان ثان"


def test_a_version_of_another_article_is_a_404(client, edited, make_article):
    other = make_article()
    version = Version.objects.get_for_object(edited).first()
    assert (
        client.get(f"/admin/articles/article/{other.pk}/history/{version.pk}/changes/").status_code
        == 404
    )
    assert (
        client.post(f"/admin/articles/article/{other.pk}/history/{version.pk}/restore/").status_code
        == 404
    )
