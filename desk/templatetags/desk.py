from django import template

from articles.models import Article
from desk.permissions import EDITABLE_BY_WRITER, is_editor
from ticker.models import Headline

register = template.Library()

QUEUE_SIZE = 10


@register.inclusion_tag("admin/includes/desk.html", takes_context=True)
def editors_desk(context) -> dict:
    """The admin home's queues: waiting for review, scheduled, latest, on the ticker."""
    user = context["request"].user
    articles = Article.objects.select_related("category", "updated_by").only(
        "id", "title", "status", "published_at", "updated_at",
        "category__name", "updated_by__username", "updated_by__first_name",
    )  # fmt: skip
    mine = articles.filter(created_by=user, status__in=EDITABLE_BY_WRITER)
    return {
        "is_editor": is_editor(user),
        "review": articles.filter(status=Article.Status.REVIEW).order_by("updated_at")[:QUEUE_SIZE],
        "scheduled": articles.scheduled().order_by("published_at")[:QUEUE_SIZE],
        "latest": articles.published().order_by("-published_at")[:QUEUE_SIZE],
        "mine": mine.order_by("-updated_at")[:QUEUE_SIZE],
        "ticker": Headline.objects.current()[:QUEUE_SIZE],
    }
