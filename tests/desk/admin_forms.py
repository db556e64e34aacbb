"""Helpers to drive the article admin through its real HTTP paths."""

from django.utils import timezone

from articles.models import Article

ADD_URL = "/admin/articles/article/add/"
LIST_URL = "/admin/articles/article/"


def change_url(article: Article) -> str:
    return f"/admin/articles/article/{article.pk}/change/"


def form_data(article: Article | None = None, **overrides) -> dict:
    """What the change form posts for ``article`` (or a new story), with overrides."""
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
            published_at_0=local.strftime("%Y-%m-%d") if local else "",
            published_at_1=local.strftime("%H:%M:%S") if local else "",
        )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def action_data(action: str, *articles: Article) -> dict:
    return {"action": action, "index": "0", "_selected_action": [str(a.pk) for a in articles]}
