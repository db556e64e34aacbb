"""Editors pin, reorder, expire and unpin; journalists cannot touch the ticker."""

import pytest
from django.utils import timezone

from ticker.models import Headline

pytestmark = pytest.mark.django_db


def test_editor_pins_an_article_from_the_list(client, editor, make_article):
    article = make_article(title="قصة للشريط")
    client.force_login(editor)
    client.post(
        "/admin/articles/article/",
        {"action": "pin_to_ticker", "index": "0", "_selected_action": [str(article.pk)]},
    )
    headline = Headline.objects.get()
    assert (headline.article, headline.text, headline.created_by) == (
        article,
        article.title,
        editor,
    )
    assert headline in Headline.objects.current()


def test_editor_pins_an_article_from_its_change_form_in_one_step(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    page = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert 'name="_pin"' in page.text
    response = client.post(f"/admin/articles/article/{article.pk}/pin/")
    assert response.status_code == 302
    assert Headline.objects.get().article == article


def test_journalist_cannot_pin_by_action_or_by_url(client, journalist, make_article):
    article = make_article(created_by=journalist, status="draft", published_at=None)
    client.force_login(journalist)
    assert 'name="_pin"' not in client.get(f"/admin/articles/article/{article.pk}/change/").text
    client.post(
        "/admin/articles/article/",
        {"action": "pin_to_ticker", "index": "0", "_selected_action": [str(article.pk)]},
    )
    assert client.post(f"/admin/articles/article/{article.pk}/pin/").status_code == 403
    assert not Headline.objects.exists()


def test_journalist_cannot_change_reorder_or_remove_headlines(client, journalist):
    headline = Headline.objects.create(text="خبر")
    client.force_login(journalist)
    assert client.get("/admin/ticker/headline/").status_code == 403
    assert (
        client.post(f"/admin/ticker/headline/{headline.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    changelist = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(headline.pk),
        "form-0-position": "9", "_save": "1",
    }  # fmt: skip
    assert client.post("/admin/ticker/headline/", changelist).status_code == 403
    headline.refresh_from_db()
    assert headline.position is None


def test_editor_reorders_expires_early_and_unpins(client, editor):
    first = Headline.objects.create(text="أول")
    second = Headline.objects.create(text="ثاني")
    client.force_login(editor)
    changelist = {
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(first.pk), "form-0-position": "2",
        "form-1-id": str(second.pk), "form-1-position": "1", "_save": "1",
    }  # fmt: skip
    assert client.post("/admin/ticker/headline/", changelist).status_code == 302
    assert list(Headline.objects.current()) == [second, first]

    client.post(
        "/admin/ticker/headline/",
        {"action": "expire_now", "index": "0", "_selected_action": [str(second.pk)]},
    )
    second.refresh_from_db()
    assert second.expires_at <= timezone.now()
    assert list(Headline.objects.current()) == [first]

    response = client.post(f"/admin/ticker/headline/{first.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Headline.objects.filter(pk=first.pk).exists()
    assert Headline.objects.current().count() == 0
