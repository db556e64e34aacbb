"""The admin's messages and history in correct Arabic, naming only what really changed."""

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import translation

from tests.desk.admin_forms import change_url, form_data

pytestmark = pytest.mark.django_db


def test_an_edit_says_changed_not_added(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    response = client.post(
        change_url(article), form_data(article, title="عنوان جديد", _save="1"), follow=True
    )
    said = " ".join(str(m) for m in response.context["messages"])
    assert "تم تعديل" in said and "نجحت إضافة" not in said


def test_the_history_names_only_the_fields_really_changed_in_arabic(client, editor, make_article):
    article = make_article(body="<p>فقرة أولى</p>\n<p>فقرة ثانية</p>")
    client.force_login(editor)
    # CKEditor sends the same body back with its own line breaks and spaces.
    reformatted = "<p>فقرة أولى</p>\r\n\r\n<p>فقرة ثانية</p>\r\n"
    client.post(change_url(article), form_data(article, title="عنوان آخر", body=reformatted))
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
    with translation.override("ar"):
        message = entry.get_change_message()
    assert "العنوان" in message
    assert "النص" not in message and "Body" not in message
    assert "autosave" not in entry.change_message.lower()
    page = client.get(f"/admin/articles/article/{article.pk}/history/").text
    assert "Body" not in page and "Title" not in page


def test_a_workflow_button_is_recorded_as_a_status_change(client, editor, make_article):
    article = make_article(status="review", published_at=None)
    client.force_login(editor)
    client.post(change_url(article), form_data(article, _workflow="publish"))
    entry = LogEntry.objects.filter(object_id=str(article.pk)).latest("action_time")
    with translation.override("ar"):
        assert "الحالة" in entry.get_change_message()


def test_people_are_greeted_and_named_by_their_byline_not_their_login(
    client, journalist, editor, author, make_article
):
    author.user = journalist
    author.save()
    article = make_article(status="draft", published_at=None, created_by=journalist)
    client.force_login(journalist)
    client.post(change_url(article), form_data(article, title="تعديل الصحفية"))
    page = client.get(change_url(article)).text
    assert "سلمى بناني" in page[page.index('id="user-tools"') :][:400]
    status = page[page.index('class="newsroom-status"') :][:400]
    assert "سلمى بناني" in status and "journalist1" not in status
    assert "(slug)" not in page
