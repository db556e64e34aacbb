"""Helpers to drive the article admin through its real HTTP paths."""

from datetime import datetime

from django.utils import timezone

from articles.models import Article
from tests.conftest import form_errors

ADD_URL = "/admin/articles/article/add/"
LIST_URL = "/admin/articles/article/"


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def form_data(
    article: Article | None = None, *, published_at: datetime | None = None, **overrides
) -> dict:
    """What the change form posts for ``article`` (or a new story), with overrides;
    ``published_at`` is typed into the form's date and time fields in Casablanca time."""
    data = {
        "title": "خبر جديد من المحرر",
        "slug": "",
        "kind": "story",
        "category": "",
        "tags": "",
        "excerpt": "",
        "body": "<p>نص</p>",
        "image_caption": "",
        "image_credit": "",
        "video_url": "",
        "gallery": "",
        "status": "draft",
        "published_at_0": "",
        "published_at_1": "",
        "edit_version": "",
    }
    if article is not None:
        # What the form shows and posts back: Casablanca time, to the second.
        local = timezone.localtime(article.published_at) if article.published_at else None
        data.update(
            title=article.title,
            slug=article.slug,
            kind=article.kind,
            category=str(article.category_id),
            excerpt=article.excerpt,
            body=article.body,
            status=article.status,
            edit_version=str(article.version),
            **(time_fields(local) if local else {}),
        )
    if published_at is not None:
        data.update(time_fields(published_at))
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def time_fields(when: datetime) -> dict:
    """The change form's date and time fields as a person types ``when``, to the second."""
    local = timezone.localtime(when)
    return {
        "published_at_0": local.strftime("%Y-%m-%d"),
        "published_at_1": local.strftime("%H:%M:%S"),
    }


def save_as(client, user, article: Article, **overrides):
    """``user`` saves ``article``'s change form with ``overrides``; ``article`` is reloaded."""
    client.force_login(user)
    response = client.post(change_url(article), form_data(article, **overrides))
    article.refresh_from_db()
    return response


def assert_image_refused(response) -> None:
    """The add form came back with an error on its featured image, and nothing was saved."""
    assert response.status_code == 200
    assert "image" in form_errors(response)
    assert not Article.objects.exists()


def action_data(action: str, *articles: Article) -> dict:
    return {"action": action, "index": "0", "_selected_action": [str(a.pk) for a in articles]}
