from collections.abc import Callable
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, Page, PageNotAnInteger
from django.db.models import Max, OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import RFC3986_SUBDELIMS, http_date
from django.views.decorators.http import require_safe

from . import fragments
from .models import Article, Category
from .sanitize import parse_url
from .site import absolute_url
from .templatetags.news import machine_time

NEWS_WINDOW = timedelta(hours=48)
#: How long the news sitemap is kept at most (a publish replaces it at once).
NEWS_SITEMAP_SECONDS = 60
#: The characters reverse() leaves unquoted in a URL (RFC 3986's pchar).
SLUG_SAFE = RFC3986_SUBDELIMS + "/~:@"


class PublicOriginSitemap(Sitemap):
    """URLs on the configured public origin (``NEWSROOM_SITE_URL``), whatever Host the
    request named: Django's default takes the domain and scheme from the request."""

    def get_domain(self, site=None) -> str:
        return parse_url(settings.SITE_URL + "/").host

    def get_protocol(self, protocol=None) -> str:
        return parse_url(settings.SITE_URL + "/").protocol.rstrip(":")


class IdRangePaginator:
    """Sitemap pages by ranges of ids: page *p* lists the visible articles whose id is in
    ``((b + p - 1) × limit, (b + p) × limit]``, oldest first, where block *b* holds the
    oldest visible article.

    Each page is one range of the primary key, and the number of pages comes from the
    lowest visible and the highest id (two index lookups): ``OFFSET`` over everything and
    ``COUNT(*)`` of every published story grow with the archive. A page may hold fewer
    than ``limit`` URLs (drafts, deleted stories); a page's URLs stay on their page as the
    archive grows, so crawlers see old pages unchanged.
    """

    def __init__(self, queryset, per_page: int) -> None:
        self.queryset, self.per_page = queryset, per_page

    @cached_property
    def first_block(self) -> int:
        oldest = self.queryset.order_by("pk").values_list("pk", flat=True)[:1]
        return (oldest[0] - 1) // self.per_page if oldest else 0

    @cached_property
    def num_pages(self) -> int:
        highest = Article.objects.aggregate(highest=Max("pk"))["highest"] or 0
        return max(1, -(-highest // self.per_page) - self.first_block)

    def page(self, number) -> Page:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if not 1 <= number <= self.num_pages:
            raise EmptyPage("That page contains no results")
        low = (self.first_block + number - 1) * self.per_page
        rows = list(self.queryset.filter(pk__gt=low, pk__lte=low + self.per_page).order_by("pk"))
        return Page(rows, number, self)


def article_location() -> Callable[[Article], str]:
    """An article page's path from its slug, as ``get_absolute_url()`` gives it, with one
    ``reverse()`` for all: one per URL was most of a sitemap's time. Quoted as reverse()
    quotes (tests/articles/test_seo_and_feeds.py compares the two on Arabic and Latin
    slugs)."""
    marker = "slug-marker"
    head, tail = reverse("articles:detail", kwargs={"slug": marker}).split(marker)
    return lambda article: head + quote(article.slug, safe=SLUG_SAFE) + tail


class ArticleSitemap(PublicOriginSitemap):
    changefreq = "daily"
    # 1,000 URLs a page (Yoast's default; search engines take up to 50,000): a page then
    # costs the same in a young newsroom and a million-story one, and the index lists a
    # line per thousand stories.
    limit = 1000

    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    @cached_property
    def location(self) -> Callable[[Article], str]:
        return article_location()

    @property
    def paginator(self) -> IdRangePaginator:
        return IdRangePaginator(self.items(), self.limit)

    def lastmod(self, article: Article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's default evaluates every item to find the maximum; ask the database.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CategorySitemap(PublicOriginSitemap):
    changefreq = "hourly"
    priority = 0.8
    _sections: list[Category] | None = None

    def items(self) -> list[Category]:
        """Every section with the last change of its newest story: the top of the section
        page, read through the section index (one row per section, never the archive).

        A list, kept on the instance (Django builds a new paginator, calling ``items()``, on
        every use), so the index's dates and page count cost one query.
        """
        if self._sections is not None:
            return self._sections
        newest = (
            Article.objects.published()
            .filter(category=OuterRef("pk"))
            .order_by("-published_at", "-id")
            .values("updated_at")[:1]
        )
        self._sections = list(Category.objects.annotate(last_change=Subquery(newest)))
        return self._sections

    def lastmod(self, category: Category):
        return category.last_change

    def get_latest_lastmod(self):
        changes = [c.last_change for c in self.items() if c.last_change]
        return max(changes, default=None)


SITEMAPS = {"articles": ArticleSitemap, "sections": CategorySitemap}


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """The index of every sitemap page, on the public origin (Django's own index view
    takes the host from the request). A line per thousand stories, so it is kept for the
    fragments' generation (any publish or edit starts a new one)."""
    xml, latest = fragments.cached("sitemap-index", _sitemap_index)
    headers = {"Last-Modified": http_date(latest)} if latest is not None else None
    return HttpResponse(xml, content_type="application/xml", headers=headers)


def _sitemap_index() -> tuple[str, float | None]:
    """The index's XML, and its last change as a timestamp when every sitemap has one."""
    entries, latest, all_dated = [], None, True
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = absolute_url(reverse("sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        if lastmod is None:
            all_dated = False
        else:
            latest = max(latest, lastmod) if latest else lastmod
        # Every page of a sitemap carries its latest change, written once.
        when = machine_time(lastmod)
        entries.append({"location": url, "last_mod": when})
        for page in range(2, sitemap.paginator.num_pages + 1):
            entries.append({"location": f"{url}?p={page}", "last_mod": when})
    xml = render_to_string("sitemap_index.xml", {"sitemaps": entries})
    return xml, (latest.timestamp() if all_dated and latest else None)


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """A Google News sitemap: the articles published in the last 48 hours (up to 1,000: as
    many as a busy newsroom publishes). Kept for the fragments' generation, and at most
    ``NEWS_SITEMAP_SECONDS``, so a story leaves it within that long after its 48 hours."""
    xml = fragments.cached("news-sitemap", _news_sitemap, NEWS_SITEMAP_SECONDS)
    return HttpResponse(xml, content_type="application/xml; charset=utf-8")


def _news_sitemap() -> str:
    since = timezone.now() - NEWS_WINDOW
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("title", "slug", "published_at")
        .order_by("-published_at")[:1000]
    )
    location = article_location()
    items = [(settings.SITE_URL + location(article), article) for article in articles]
    return render_to_string(
        "articles/news_sitemap.xml", {"items": items, "site_name": settings.SITE_NAME}
    )
