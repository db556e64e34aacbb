from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from articles.models import Article
from articles.views import article_page_queryset, render_article

from . import previews


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """A reviewer's signed link: that one article, whatever its status, until it expires."""
    article_id = previews.read_token(token)
    if article_id is None:
        raise Http404("Invalid or expired preview link")
    # Archiving takes a story off the site, and off the reviewers' links too.
    article = get_object_or_404(
        article_page_queryset().exclude(status=Article.Status.ARCHIVED), pk=article_id
    )
    return render_article(request, article, preview=True)
