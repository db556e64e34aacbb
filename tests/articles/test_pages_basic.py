import pytest

pytestmark = pytest.mark.django_db


def test_home_is_arabic_right_to_left(client, make_article):
    article = make_article()
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.text
    assert article.title in response.text


def test_draft_articles_are_not_found(client, make_article):
    article = make_article(status="draft")
    assert client.get(article.get_absolute_url()).status_code == 404
