from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .models import Article, Category

FEED_SIZE = 30


class ArabicRssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}


class LatestArticlesFeed(Feed):
    feed_type = ArabicRssFeed
    language = "ar"

    def title(self) -> str:
        return settings.SITE_NAME

    def link(self) -> str:
        return "/"

    def description(self) -> str:
        return _("The latest news from %(site)s") % {"site": settings.SITE_NAME}

    def articles(self):
        return Article.objects.published().for_listing()

    def items(self):
        return self.articles()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.excerpt

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return "، ".join(author.name for author in item.authors.all())

    def item_categories(self, item: Article) -> list[str]:
        return [item.category.name]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug)

    def title(self, obj: Category) -> str:
        return f"{obj.name} - {settings.SITE_NAME}"

    def link(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Category) -> str:
        return obj.description or self.title(obj)

    def items(self, obj: Category):
        return self.articles().filter(category=obj)[:FEED_SIZE]
