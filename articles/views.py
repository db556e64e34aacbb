from functools import wraps

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.generic import DayArchiveView, ListView, MonthArchiveView

from .models import Article, Author, Category, Tag
from .site import absolute_url

PAGE_SIZE = 20
SECTION_BLOCK_SIZE = 5
RELATED_COUNT = 4


def public_cache(view):
    """Public pages may be kept by a CDN, Varnish or browser for a short while (settings:
    ``PUBLIC_*``); a shared cache may serve them stale while it revalidates or while the
    site fails."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and "Cache-Control" not in response:
            patch_cache_control(
                response,
                public=True,
                max_age=getattr(settings, "PUBLIC_CACHE_SECONDS", 60),
                s_maxage=getattr(settings, "PUBLIC_SHARED_MAX_AGE", 60),
                stale_while_revalidate=getattr(settings, "PUBLIC_STALE_WHILE_REVALIDATE", 60),
                stale_if_error=getattr(settings, "PUBLIC_STALE_IF_ERROR", 86_400),
            )
        return response

    return wrapped


# -- home ----------------------------------------------------------------------------------


def section_blocks(categories: list[Category]) -> list[tuple[Category, list[Article]]]:
    """The newest stories of every section in one query (a window per section)."""
    ranked = (
        Article.objects.published()
        .exclude(kind=Article.Kind.VIDEO)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("category_id")],
                order_by=[F("published_at").desc(), F("id").desc()],
            )
        )
        .filter(rank__lte=SECTION_BLOCK_SIZE)
        .select_related("category")
        .order_by("category__position", "rank")
    )
    by_category: dict[int, list[Article]] = {}
    for article in ranked:
        by_category.setdefault(article.category_id, []).append(article)
    return [(c, by_category[c.pk]) for c in categories if c.pk in by_category]


@require_safe
@public_cache
def home(request: HttpRequest) -> HttpResponse:
    published = Article.objects.published().for_cards()
    top = list(published.exclude(kind=Article.Kind.OPINION).filter(image__gt="")[:5])
    categories = list(Category.objects.all())
    context = {
        "lead": top[0] if top else None,
        "top_stories": top[1:],
        "latest": list(published[:10]),
        "blocks": section_blocks(categories),
        "videos": list(published.filter(kind=Article.Kind.VIDEO)[:4]),
        "galleries": list(published.filter(kind=Article.Kind.GALLERY)[:4]),
        "menu_categories": categories,
    }
    return render(request, "articles/home.html", context)


# -- article --------------------------------------------------------------------------------


def article_page_queryset() -> QuerySet[Article]:
    return Article.objects.select_related("category", "gallery").prefetch_related(
        "authors", "tags", "gallery__photos"
    )


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The previous and next published articles in publication order."""
    if article.published_at is None:
        return None, None
    published = Article.objects.published().only("title", "slug", "published_at")
    at, pk = article.published_at, article.pk
    previous = (
        published.filter(Q(published_at__lt=at) | Q(published_at=at, pk__lt=pk))
        .order_by("-published_at", "-id")
        .first()
    )
    following = (
        published.filter(Q(published_at__gt=at) | Q(published_at=at, pk__gt=pk))
        .order_by("published_at", "id")
        .first()
    )
    return previous, following


def related(article: Article) -> list[Article]:
    """Stories sharing the most tags, then the newest; the section's when none share one."""
    tag_ids = [tag.pk for tag in article.tags.all()]  # prefetched
    published = Article.objects.published().for_cards().exclude(pk=article.pk)
    matches = list(
        published.filter(Q(tags__in=tag_ids) | Q(category_id=article.category_id))
        .annotate(shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True))
        .order_by("-shared", "-published_at", "-id")[:RELATED_COUNT]
    )
    return matches


def render_article(request: HttpRequest, article: Article, preview: bool = False) -> HttpResponse:
    """The article page; previews look the same but are never cached or indexed."""
    previous, following = neighbours(article) if article.is_visible else (None, None)
    context = {
        "article": article,
        "preview": preview,
        "previous_article": previous,
        "next_article": following,
        "related_articles": related(article),
        "active_category": article.category,
        "canonical_url": absolute_url(article.get_absolute_url()),
    }
    response = render(request, "articles/article_detail.html", context)
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
@public_cache
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(article_page_queryset().published(), slug=slug)
    return render_article(request, article)


# -- lists ------------------------------------------------------------------------------------


class PublicPageMixin:
    """Class-based public pages: GET/HEAD only, short public Cache-Control."""

    @classmethod
    def as_view(cls, **initkwargs):
        return require_safe(public_cache(super().as_view(**initkwargs)))


class ArticleListView(PublicPageMixin, ListView):
    """A paginated list of published articles under one object (section, tag, author)."""

    paginate_by = PAGE_SIZE
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    model_class: type = Category
    filter_field = "category"

    def public_objects(self) -> QuerySet:
        """The objects that have a public page (sections always do)."""
        return self.model_class.objects.all()

    def get_queryset(self) -> QuerySet[Article]:
        self.object = get_object_or_404(self.public_objects(), slug=self.kwargs["slug"])
        return Article.objects.published().for_cards().filter(**{self.filter_field: self.object})

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(object=self.object, **kwargs)
        context["canonical_url"] = absolute_url(self.object.get_absolute_url())
        return context


class CategoryView(ArticleListView):
    model_class = Category
    filter_field = "category"

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["active_category"] = self.object
        context["feed_url"] = reverse("articles:category_feed", kwargs={"slug": self.object.slug})
        return context


class UsedByPublishedMixin:
    """A tag or author has a page only once a published story carries it: a name used
    only on drafts (an embargoed subject, a source) must not be found by its URL."""

    def public_objects(self) -> QuerySet:
        published = Article.objects.published().filter(**{self.filter_field: OuterRef("pk")})
        return self.model_class.objects.filter(Exists(published))


class TagView(UsedByPublishedMixin, ArticleListView):
    model_class = Tag
    filter_field = "tags"
    template_name = "articles/tag.html"


class AuthorView(UsedByPublishedMixin, ArticleListView):
    model_class = Author
    filter_field = "authors"
    template_name = "articles/author.html"


class ArchiveMixin(PublicPageMixin):
    date_field = "published_at"
    allow_future = False
    allow_empty = True
    paginate_by = PAGE_SIZE
    month_format = "%m"
    context_object_name = "articles"

    def get_queryset(self) -> QuerySet[Article]:
        return Article.objects.published().for_cards()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except (OverflowError, ValueError):  # e.g. 31 December 9999 has no next day
            raise Http404("No such date") from None


class DayArchive(ArchiveMixin, DayArchiveView):
    template_name = "articles/archive.html"


class MonthArchive(ArchiveMixin, MonthArchiveView):
    template_name = "articles/archive.html"


# -- robots and favicon -------------------------------------------------------------------


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    return HttpResponsePermanentRedirect(static("favicon.svg"))


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
        f"Sitemap: {absolute_url(reverse('news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
