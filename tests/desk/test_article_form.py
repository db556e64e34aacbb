"""The article form's publication time: shown and posted in Casablanca time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.desk.admin_forms import change_url, form_data, save_as

pytestmark = pytest.mark.django_db

CASABLANCA = ZoneInfo("Africa/Casablanca")


def test_an_editors_save_keeps_the_publication_time_exactly(client, editor, make_article):
    article = make_article(title="خبر منشور")  # published a few minutes ago, microseconds too
    published_at = article.published_at
    response = save_as(client, editor, article, title="عنوان معدل")
    assert response.status_code == 302
    assert article.title == "عنوان معدل"
    assert article.published_at == published_at


def test_the_time_an_editor_types_is_casablanca_time(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    data = form_data(article, published_at_0="2026-12-01", published_at_1="10:45:00")
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.published_at == datetime(2026, 12, 1, 10, 45, tzinfo=CASABLANCA)
    assert article.published_at.utcoffset() is not None


def test_moving_the_time_by_a_second_is_a_change(client, editor, make_article):
    article = make_article()
    shown = article.published_at.replace(microsecond=0) + timedelta(seconds=1)
    assert save_as(client, editor, article, published_at=shown).status_code == 302
    assert article.published_at == shown
