"""Every save is a revision; editors see the history and restore an earlier version."""

import pytest
from reversion.models import Version

from articles.models import Article
from tests.conftest import form_errors
from tests.desk.admin_forms import change_url, form_data

pytestmark = pytest.mark.django_db


def test_each_admin_save_records_who_changed_it(client, editor, make_article):
    article = make_article(title="الأول")
    client.force_login(editor)
    client.post(change_url(article), form_data(article, title="الثاني"))
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 1
    assert versions.first().revision.user == editor
    history = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert history.status_code == 200
    assert "editor1" in history.text


def test_editor_restores_an_earlier_version(client, editor, make_article):
    article = make_article(title="النسخة الأصلية")
    client.force_login(editor)
    client.post(change_url(article), form_data(article, title="النسخة الأصلية"))
    article.refresh_from_db()
    client.post(change_url(article), form_data(article, title="نسخة خاطئة"))
    article.refresh_from_db()
    assert article.title == "نسخة خاطئة"

    original = Version.objects.get_for_object(article).last()  # oldest first is last
    url = f"/admin/articles/article/{article.pk}/history/{original.pk}/"
    form_page = client.get(url)
    assert form_page.status_code == 200
    assert "النسخة الأصلية" in form_page.text
    # The browser posts back what the revision form shows, hidden version included.
    shown = form_page.context["adminform"].form
    data = form_data(
        article, title="النسخة الأصلية", edit_version=str(shown["edit_version"].value())
    )
    response = client.post(url, data)
    assert response.status_code == 302, form_errors(response)
    assert Article.objects.get(pk=article.pk).title == "النسخة الأصلية"
