from django import template
from django.db.models import OuterRef, Subquery

from articles.models import Article
from desk import accounts_admin, presence
from desk.models import DeskNote
from desk.permissions import is_editor
from ticker.models import Headline

register = template.Library()


@register.filter
def staff_name(user) -> str:
    """A person as the newsroom names them: byline, full name, then login name."""
    return accounts_admin.staff_name(user) if user else ""


QUEUE_SIZE = 10


def _latest_note(field: str) -> Subquery:
    notes = DeskNote.objects.filter(article=OuterRef("pk")).order_by("-written_at", "-id")
    return Subquery(notes.values(field)[:1])


@register.inclusion_tag("admin/includes/desk.html", takes_context=True)
def editors_desk(context) -> dict:
    """The admin home: «new story» first; a writer's own stories by status with the
    editors' notes; an editor's review queue, schedule, ticker and who is editing what."""
    user = context["request"].user
    articles = Article.objects.select_related("category", "updated_by").only(
        "id", "title", "status", "published_at", "updated_at",
        "category__name", "updated_by__username", "updated_by__first_name",
        "updated_by__last_name",
    )  # fmt: skip
    editor = is_editor(user)
    desk = {"is_editor": editor, "ticker": Headline.objects.current()[:QUEUE_SIZE]}
    if editor:
        editing = presence.editing_now()
        being_edited = articles.filter(pk__in=list(editing))[:QUEUE_SIZE]
        desk.update(
            review=articles.filter(status=Article.Status.REVIEW)
            .annotate(note=_latest_note("text"))
            .order_by("updated_at")[:QUEUE_SIZE],
            scheduled=articles.scheduled().order_by("published_at")[:QUEUE_SIZE],
            latest=articles.published().order_by("-published_at")[:5],
            editing=[(article, editing[article.pk]) for article in being_edited],
        )
    else:
        mine = (
            articles.filter(created_by=user)
            .annotate(note=_latest_note("text"), note_kind=_latest_note("kind"))
            .order_by("-updated_at")
        )
        desk.update(
            drafts=mine.filter(status=Article.Status.DRAFT)[:QUEUE_SIZE],
            in_review=mine.filter(status=Article.Status.REVIEW)[:QUEUE_SIZE],
            published=mine.filter(status=Article.Status.PUBLISHED)[:QUEUE_SIZE],
        )
    return desk
