from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.generic import ListView

from . import previews
from .models import Article, Author, Category, Tag

PAGE_SIZE = 20


def home(request: HttpRequest) -> HttpResponse:
    latest = list(Article.objects.published().for_listing()[:30])
    return render(request, "articles/home.html", {"articles": latest})


def article_page_queryset() -> QuerySet[Article]:
    return Article.objects.select_related("category", "gallery").prefetch_related(
        "authors", "tags", "gallery__photos"
    )


def render_article(request: HttpRequest, article: Article, preview: bool = False) -> HttpResponse:
    """The article page; previews look the same but are never cached or indexed."""
    response = render(
        request, "articles/article_detail.html", {"article": article, "preview": preview}
    )
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
    return response


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(article_page_queryset().published(), slug=slug)
    return render_article(request, article)


def shared_preview(request: HttpRequest, token: str) -> HttpResponse:
    """A reviewer's signed link: that one article, whatever its status, until it expires."""
    article_id = previews.read_token(token)
    if article_id is None:
        raise Http404("Invalid or expired preview link")
    return render_article(request, get_object_or_404(article_page_queryset(), pk=article_id), True)


class ArticleListView(ListView):
    """A paginated list of published articles under one object (section, tag, author)."""

    paginate_by = PAGE_SIZE
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    model_class: type = Category
    filter_field = "category"

    def get_queryset(self) -> QuerySet[Article]:
        self.object = get_object_or_404(self.model_class, slug=self.kwargs["slug"])
        return Article.objects.published().for_listing().filter(**{self.filter_field: self.object})

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(object=self.object, **kwargs)


class CategoryView(ArticleListView):
    model_class = Category
    filter_field = "category"


class TagView(ArticleListView):
    model_class = Tag
    filter_field = "tags"


class AuthorView(ArticleListView):
    model_class = Author
    filter_field = "authors"
