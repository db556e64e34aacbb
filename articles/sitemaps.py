from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .models import Article, Category

NEWS_WINDOW = timedelta(hours=48)


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Article.objects.published().only("slug", "updated_at").order_by("-published_at")

    def lastmod(self, article: Article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's default evaluates every item to find the maximum; ask the database.
        return Article.objects.published().aggregate(latest=Max("updated_at"))["latest"]


class CategorySitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return Category.objects.all()


SITEMAPS = {"articles": ArticleSitemap, "sections": CategorySitemap}


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """A Google News sitemap: the articles published in the last 48 hours."""
    since = timezone.now() - NEWS_WINDOW
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .only("title", "slug", "published_at")
        .order_by("-published_at")[:1000]
    )
    base = request.build_absolute_uri("/").rstrip("/")
    return TemplateResponse(
        request,
        "articles/news_sitemap.xml",
        {"articles": articles, "base": base, "site_name": settings.SITE_NAME},
        content_type="application/xml; charset=utf-8",
    )
