from django import template
from django.utils import timezone

from articles.models import Article
from articles.permissions import is_editor

register = template.Library()

QUEUE_SIZE = 10


@register.inclusion_tag("admin/includes/desk.html", takes_context=True)
def editors_desk(context) -> dict:
    """The admin home's queues: waiting for review, scheduled, latest, on the ticker."""
    from ticker.models import Headline

    user = context["request"].user
    now = timezone.now()
    articles = Article.objects.select_related("category", "updated_by").only(
        "id", "title", "status", "published_at", "updated_at",
        "category__name", "updated_by__username", "updated_by__first_name",
    )  # fmt: skip
    published = articles.filter(status=Article.Status.PUBLISHED)
    mine = articles.filter(created_by=user, status__in=["draft", "review"])
    return {
        "is_editor": is_editor(user),
        "review": articles.filter(status=Article.Status.REVIEW).order_by("updated_at")[:QUEUE_SIZE],
        "scheduled": published.filter(published_at__gt=now).order_by("published_at")[:QUEUE_SIZE],
        "latest": published.filter(published_at__lte=now).order_by("-published_at")[:QUEUE_SIZE],
        "mine": mine.order_by("-updated_at")[:QUEUE_SIZE],
        "ticker": Headline.objects.current()[:QUEUE_SIZE],
    }
