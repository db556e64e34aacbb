import operator
from functools import partial, wraps

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django.views.generic import DayArchiveView, ListView, MonthArchiveView

from . import fragments
from .models import Article, Author, Category, Tag, TaggedArticle
from .pagination import MAX_PAGES, CappedPaginator, after, before, make_cursor, parse_cursor
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
    """The newest stories of every section in one query.

    On PostgreSQL a ``UNION ALL`` of one ``LIMIT`` per section, each a short range of the
    section index, so the cost does not grow with the archive. SQLite cannot limit the
    parts of a compound query; there (small newsrooms by design) one window query ranks the
    sections' stories.
    """
    if not categories:
        return []
    published = Article.objects.published().exclude(kind=Article.Kind.VIDEO).for_cards()
    if connection.features.supports_slicing_ordering_in_compound:
        parts = [published.filter(category=c)[:SECTION_BLOCK_SIZE] for c in categories]
        ranked = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    else:
        ranked = (
            published.annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("category_id")],
                    order_by=[F("published_at").desc(), F("id").desc()],
                )
            )
            .filter(rank__lte=SECTION_BLOCK_SIZE)
            .order_by("category_id", "rank")
        )
    by_category: dict[int, list[Article]] = {}
    for article in ranked:
        by_category.setdefault(article.category_id, []).append(article)
    for articles in by_category.values():
        articles.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
    return [(c, by_category[c.pk]) for c in categories if c.pk in by_category]


def home_stories() -> dict:
    """Every story list of the home page (built once per fragments' generation)."""
    published = Article.objects.published().for_cards()
    top = list(published.exclude(kind=Article.Kind.OPINION).filter(image__gt="")[:5])
    categories = fragments.sections_menu()
    return {
        "lead": top[0] if top else None,
        "top_stories": top[1:],
        "latest": list(published[:10]),
        "blocks": section_blocks(categories),
        "videos": list(published.filter(kind=Article.Kind.VIDEO)[:4]),
        "galleries": list(published.filter(kind=Article.Kind.GALLERY)[:4]),
    }


HOME_PARTS = ("lead", "top_stories", "latest", "blocks", "videos", "galleries")


@require_safe
@public_cache
def home(request: HttpRequest) -> HttpResponse:
    """The home page. Its two big parts are template fragments of the current generation
    (``{% cache … generation %}``), so the story lists are only fetched, as one cached
    value, when a fragment is missing: each part is a lazy object."""
    stories = SimpleLazyObject(lambda: fragments.cached("home", home_stories))
    context: dict = {
        name: SimpleLazyObject(partial(operator.getitem, stories, name)) for name in HOME_PARTS
    }
    context["generation"] = fragments.generation()
    return render(request, "articles/home.html", context)


# -- article --------------------------------------------------------------------------------


def article_page_queryset() -> QuerySet[Article]:
    return Article.objects.select_related("category", "gallery").prefetch_related(
        "authors", "tags", "gallery__photos"
    )


def neighbours(article: Article) -> tuple[Article | None, Article | None]:
    """The previous and next published articles in publication order: two seeks in the
    publication index (a range on ``published_at``, ties at the same instant by id)."""
    if article.published_at is None:
        return None, None
    published = Article.objects.published().only("title", "slug", "published_at")
    at, pk = article.published_at, article.pk
    previous = published.filter(before(at, pk)).order_by("-published_at", "-id").first()
    following = published.filter(after(at, pk)).order_by("published_at", "id").first()
    return previous, following


#: Related stories are chosen among this many of the section's newest.
RELATED_CANDIDATES = 200


def related(article: Article) -> list[Article]:
    """Among the section's newest stories, those sharing the most tags, then the newest.

    Bounded by ``RELATED_CANDIDATES`` rows of the section index, whatever the size of the
    section or the tags: grouping a whole section (or a popular tag) grows with the archive.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]  # prefetched
    candidates = (
        Article.objects.published()
        .filter(category_id=article.category_id)
        .exclude(pk=article.pk)
        .order_by("-published_at", "-id")
        .values("pk")[:RELATED_CANDIDATES]
    )
    published = Article.objects.published().for_cards().filter(pk__in=candidates)
    if tag_ids:
        published = published.annotate(
            shared=Count("tags", filter=Q(tags__in=tag_ids), distinct=True)
        ).order_by("-shared", "-published_at", "-id")
    return list(published[:RELATED_COUNT])


def surroundings(article: Article) -> tuple[Article | None, Article | None, list[Article]]:
    """Previous, next and related stories of a visible article."""
    previous, following = neighbours(article)
    return previous, following, related(article)


#: What an article page shows outside its fragments (title, description, the menu's
#: section, the fragments' keys): read on every request, so kept small.
HEAD_FIELDS = ("title", "slug", "excerpt", "status", "published_at", "version", "category")


def render_article(
    request: HttpRequest, article: Article, preview: bool = False, head: Article | None = None
) -> HttpResponse:
    """The article page; previews look the same but are never cached or indexed.

    ``head`` carries what the page shows outside its fragments; ``article`` (the whole
    story, with authors, tags and photos) and what surrounds it (previous, next, related,
    kept per fragments' generation) are lazy: a page whose fragments are cached reads
    neither. A preview computes its surroundings each time (drafts have no neighbours).
    """
    head = head or article
    if head.is_visible and not preview:
        around = SimpleLazyObject(
            lambda: fragments.cached(f"around:{head.pk}", lambda: surroundings(article))
        )
        previous = SimpleLazyObject(lambda: around[0])
        following = SimpleLazyObject(lambda: around[1])
        related_articles = SimpleLazyObject(lambda: around[2])
    else:
        previous = following = None
        related_articles = related(article)
    context = {
        "head": head,
        "article": article,
        "preview": preview,
        "previous_article": previous,
        "next_article": following,
        "related_articles": related_articles,
        "active_category": head.category,
        "canonical_url": absolute_url(head.get_absolute_url()),
        "generation": fragments.generation(),
    }
    response = render(request, "articles/article_detail.html", context)
    if preview:
        response["X-Robots-Tag"] = "noindex, nofollow"
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
@public_cache
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    head = fragments.cached(f"article-head:{slug}", lambda: article_head(slug))
    if head is None:
        raise Http404("No such article")

    def whole() -> Article:
        found = fragments.cached(f"article:{head.pk}", lambda: published_article(slug))
        if found is None:  # unpublished or deleted since the head was read
            raise Http404("No such article")
        return found

    return render_article(request, SimpleLazyObject(whole), head=head)


def article_head(slug: str) -> Article | None:
    """The visible article at this address, with only what its page shows outside its
    fragments."""
    published = Article.objects.published().select_related("category")
    return published.only(*HEAD_FIELDS).filter(slug=slug).first()


def published_article(slug: str) -> Article | None:
    """The visible article at this address, with everything its page shows."""
    return article_page_queryset().published().filter(slug=slug).first()


# -- lists ------------------------------------------------------------------------------------


def generation_first(view):
    """Read the fragments' generation before any row: a page that reads its rows first
    could store fragments built from rows older than a publish that commits in between
    under the generation that publish started."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        fragments.generation()
        return view(request, *args, **kwargs)

    return wrapped


class PublicPageMixin:
    """Class-based public pages: GET/HEAD only, short public Cache-Control, the fragments'
    generation read first."""

    @classmethod
    def as_view(cls, **initkwargs):
        return require_safe(public_cache(generation_first(super().as_view(**initkwargs))))


class ArticleListView(PublicPageMixin, ListView):
    """A paginated list of published articles under one object (section, tag, author).

    Numbered pages cover the newest ``MAX_PAGES`` pages (``CappedPaginator``).
    """

    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator
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
    """A section: numbered pages, then ``?before=<cursor>`` pages that seek in the
    section's index, so every page of a 100,000-story section costs the same."""

    model_class = Category
    filter_field = "category"

    def get(self, request, *args, **kwargs):
        if "before" not in request.GET:
            return super().get(request, *args, **kwargs)
        position = parse_cursor(request.GET["before"])
        if position is None:
            raise Http404("No such page")
        rows = list(self.get_queryset().filter(before(*position))[: PAGE_SIZE + 1])
        self.object_list = rows[:PAGE_SIZE]
        context = self.get_context_data(object_list=self.object_list)
        context.update(is_paginated=False, page_obj=None, paginator=None, deep_page=True)
        if len(rows) > PAGE_SIZE:
            last = rows[PAGE_SIZE - 1]
            context["older_url"] = "?before=" + make_cursor(last.published_at, last.pk)
        return self.render_to_response(context)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["active_category"] = self.object
        context["feed_url"] = reverse("articles:category_feed", kwargs={"slug": self.object.slug})
        page, paginator = context.get("page_obj"), context.get("paginator")
        if page and not page.has_next() and getattr(paginator, "truncated", False):
            last = page.object_list[len(page.object_list) - 1]
            context["older_url"] = "?before=" + make_cursor(last.published_at, last.pk)
            context["is_paginated"] = True
        return context


class UsedByPublishedMixin:
    """A tag or author has a page only once a published story carries it: a name used
    only on drafts (an embargoed subject, a source) must not be found by its URL.

    The list is drawn from the newest ``LINKED_CANDIDATES`` links of the tag or author (an
    index range on the link table, newest article ids first), so a tag carried by 50,000
    stories costs what a rare one does; the numbered pages show at most that many. Those
    links are checked and ordered once, as ids (which also gives the count), and kept with
    the tag or author as a fragment of the content's generation: every page of the list
    then costs one cache read, however many stories carry it. The page's cards are read by
    id only when their own fragment is missed (``ArticlesById``).
    """

    LINKED_CANDIDATES = PAGE_SIZE * MAX_PAGES

    def public_objects(self) -> QuerySet:
        published = Article.objects.published().filter(**{self.filter_field: OuterRef("pk")})
        return self.model_class.objects.filter(Exists(published))

    #: The link table, its column naming the tag or author, and its column naming the story.
    links: tuple[type, str, str]

    def get_queryset(self) -> list[int]:
        slug = self.kwargs["slug"]
        found = fragments.cached(f"{self.model_class._meta.model_name}-list:{slug}", self.listed)
        if found is None:
            raise Http404("No such page")
        self.object, ids = found
        return ids

    def listed(self) -> tuple[object, list[int]] | None:
        """The tag or author at this address and the ids of its visible stories, newest
        first; None when it has no public page."""
        owner_object = self.public_objects().filter(slug=self.kwargs["slug"]).first()
        if owner_object is None:
            return None
        model, owner, story = self.links
        linked = (
            model.objects.filter(**{owner: owner_object})
            .order_by(f"-{story}")
            .values(story)[: self.LINKED_CANDIDATES]
        )
        visible = Article.objects.published().filter(pk__in=Subquery(linked))
        return owner_object, list(
            visible.order_by("-published_at", "-id").values_list("pk", flat=True)
        )

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        # This page's ids, in the list's order.
        context["object_list"] = context["articles"] = ArticlesById(context["object_list"])
        return context


class ArticlesById:
    """A page's stories given by id, read (as cards) only when something iterates over
    them: ``{% cards %}`` needs only the ids to find its fragment."""

    def __init__(self, ids) -> None:
        self.ids = list(ids)
        self._articles: list[Article] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        if self._articles is None:
            cards = Article.objects.published().for_cards().in_bulk(self.ids)
            self._articles = [cards[pk] for pk in self.ids if pk in cards]
        return iter(self._articles)


class TagView(UsedByPublishedMixin, ArticleListView):
    model_class = Tag
    filter_field = "tags"
    template_name = "articles/tag.html"
    links = (TaggedArticle, "tag", "content_object_id")


class AuthorView(UsedByPublishedMixin, ArticleListView):
    model_class = Author
    filter_field = "authors"
    template_name = "articles/author.html"
    links = (Article.authors.through, "author", "article_id")


class ArchiveMixin(PublicPageMixin):
    date_field = "published_at"
    allow_future = False
    allow_empty = True
    paginate_by = PAGE_SIZE
    paginator_class = CappedPaginator
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

    def get_date_list(self, queryset, date_type=None, ordering="ASC") -> list:
        # Django lists the month's days that have stories (a DISTINCT over the whole
        # month); the page does not show them.
        return []


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
