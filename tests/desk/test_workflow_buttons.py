"""The change form's workflow buttons and its one-step pin: each saves what is on the
screen in the same POST, and the server decides whether the person may."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from desk.models import DeskNote
from tests.conftest import form_errors
from tests.desk.admin_forms import ADD_URL, change_url, form_data
from ticker.models import Headline

pytestmark = pytest.mark.django_db


def test_a_journalist_sends_a_new_story_for_review_in_one_post(client, journalist, category):
    client.force_login(journalist)
    data = form_data(category=str(category.pk), title="قصتي الأولى", _workflow="submit")
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert (article.title, article.status, article.created_by) == (
        "قصتي الأولى",
        "review",
        journalist,
    )
    assert response["Location"] == change_url(article)
    page = client.get(response["Location"]).text
    assert "أرسل للمراجعة" not in page  # already sent


def test_the_form_shows_buttons_by_role_and_no_status_drop_down(
    client, journalist, editor, make_article
):
    draft = make_article(status="draft", published_at=None, created_by=journalist)
    client.force_login(journalist)
    page = client.get(change_url(draft)).text
    assert 'value="submit"' in page
    for step in ["publish", "schedule", "return", "archive"]:
        assert f'name="_workflow" value="{step}"' not in page
    assert '<select name="status"' not in page
    client.force_login(editor)
    review = make_article(status="review", published_at=None, created_by=journalist)
    page = client.get(change_url(review)).text
    for step in ["publish", "schedule", "return", "archive"]:
        assert f'name="_workflow" value="{step}"' in page
    assert 'type="datetime-local"' in page


@pytest.mark.parametrize("step", ["publish", "schedule", "archive", "return"])
def test_a_journalist_cannot_use_an_editors_button(client, journalist, make_article, step):
    article = make_article(status="draft", published_at=None, created_by=journalist)
    client.force_login(journalist)
    later = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = form_data(article, _workflow=step, schedule_at=later, title="محاولة")
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.status, article.title) == ("draft", article.title)
    assert article.title != "محاولة"


def test_publish_now_saves_the_screen_and_publishes(client, editor, make_article):
    article = make_article(status="review", published_at=None)
    client.force_login(editor)
    before = timezone.now()
    data = form_data(article, title="عنوان المحرر", _workflow="publish")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title == "عنوان المحرر"
    assert article.is_visible and article.published_at >= before


def test_schedule_takes_casablanca_time_and_refuses_the_past(client, editor, make_article):
    article = make_article(status="review", published_at=None)
    client.force_login(editor)
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        change_url(article), form_data(article, _workflow="schedule", schedule_at=past)
    )
    assert response.status_code == 200
    assert "schedule_at" in form_errors(response)
    when = (timezone.localtime() + timedelta(days=2)).replace(second=0, microsecond=0)
    data = form_data(article, _workflow="schedule", schedule_at=when.strftime("%Y-%m-%dT%H:%M"))
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.is_scheduled and article.published_at == when


def test_return_to_the_writer_leaves_a_note_on_the_desk_and_the_form(
    client, editor, journalist, make_article
):
    article = make_article(status="review", published_at=None, created_by=journalist)
    client.force_login(editor)
    data = form_data(article, _workflow="return", return_note="أضيفي مصدرا للرقم الثاني")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.status == "draft"
    assert DeskNote.objects.get(article=article).written_by == editor
    client.force_login(journalist)
    assert "أضيفي مصدرا للرقم الثاني" in client.get(change_url(article)).text
    assert "أضيفي مصدرا للرقم الثاني" in client.get("/admin/").text


def test_pinning_from_the_form_saves_the_screen_first_and_pins_first(client, editor, make_article):
    older = Headline.objects.create(text="قديم", position=0)
    article = make_article(status="review", published_at=None)
    client.force_login(editor)
    data = form_data(
        article,
        _workflow="publish",
        _pin="1",
        ticker_text="سطر أقصر للشريط",
        ticker_breaking="on",
        ticker_position="1",
    )
    response = client.post(change_url(article), data)
    assert response.status_code == 302, form_errors(response)
    article.refresh_from_db()
    assert article.is_visible  # the status change was not dropped
    current = list(Headline.objects.current())
    assert [h.text for h in current] == ["سطر أقصر للشريط", "قديم"]
    assert current[0].is_breaking and current[0].article == article
    older.refresh_from_db()
    assert older.position == 1


def test_pin_alone_keeps_unsaved_changes(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    data = form_data(article, title="عنوان عُدل قبل التثبيت", _pin="1", ticker_text="")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.title == "عنوان عُدل قبل التثبيت"
    assert Headline.objects.get().text == "عنوان عُدل قبل التثبيت"


def test_a_ticker_line_has_its_own_length_limit(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    response = client.post(change_url(article), form_data(article, _pin="1", ticker_text="س" * 161))
    assert response.status_code == 200
    assert "ticker_text" in form_errors(response)
    assert not Headline.objects.exists()


def test_a_journalist_cannot_pin_through_the_form(client, journalist, make_article):
    article = make_article(status="draft", published_at=None, created_by=journalist)
    client.force_login(journalist)
    response = client.post(change_url(article), form_data(article, _pin="1", title="تغيير"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "تغيير"  # the save was rolled back with the refusal
    assert not Headline.objects.exists()


# -- the save's echo, for the page's autosave -------------------------------------------


def test_a_scripted_save_is_answered_with_the_saved_version(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    data = form_data(article, title="حفظ مؤكد", autosave_draft="abc123", _continue="1")
    response = client.post(change_url(article), data, headers={"X-Desk-Save": "1"})
    assert response.status_code == 200
    article.refresh_from_db()
    assert response.json() == {
        "saved": True,
        "article": article.pk,
        "version": article.version,
        "draft": "abc123",
        "location": change_url(article),
    }


def test_a_scripted_stale_save_is_a_409_and_other_errors_a_422(client, editor, make_article):
    article = make_article()
    opened = form_data(article)
    client.force_login(editor)
    assert client.post(change_url(article), {**opened, "title": "أولا"}).status_code == 302
    response = client.post(
        change_url(article), {**opened, "title": "ثانيا"}, headers={"X-Desk-Save": "1"}
    )
    assert response.status_code == 409
    assert "ثانيا" in response.text
    article.refresh_from_db()
    fresh = form_data(article, title="")
    assert client.post(change_url(article), fresh, headers={"X-Desk-Save": "1"}).status_code == 422


def test_a_refused_text_is_kept_as_a_new_draft_or_sent_to_the_editors(
    client, journalist, make_article
):
    original = make_article(created_by=journalist)  # published meanwhile: not hers to change
    client.force_login(journalist)
    url = "/admin/articles/article/keep-copy/"
    data = {"title": "نصي", "excerpt": "", "body": "<p>فقرة <b>مهمة</b></p>", "source": original.pk}
    draft = client.post(url, {**data, "mode": "draft"}).json()
    review = client.post(url, {**data, "mode": "review"}).json()
    kept = Article.objects.get(pk=draft["id"])
    assert (kept.status, kept.created_by, kept.category) == ("draft", journalist, original.category)
    assert "<b>مهمة</b>" in kept.body
    sent = Article.objects.get(pk=review["id"])
    assert sent.status == "review"
    assert original.title in DeskNote.objects.get(article=sent).text
    assert client.post(url, {**data, "title": "\u200f", "mode": "draft"}).status_code == 400
