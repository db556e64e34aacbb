"""RSS feeds: the latest articles, and each section's.

Feed readers render ``<description>`` (and most render titles) as HTML. Every text a
journalist typed is therefore HTML-escaped before Django's XML writer escapes it again, so
a reader shows «<b>» as the two characters typed, never as markup. Links are absolute on the
configured public origin (``NEWSROOM_SITE_URL``), not on the request's Host.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from images.renditions import rendition_name, widest, widths_for

from .models import Article, Category
from .site import absolute_url

FEED_SIZE = 30
#: The lead photo's rendition offered to feed readers: a JPEG thumbnail-to-card size.
ENCLOSURE_WIDTH = 640


class ArabicRssFeed(Rss201rev2Feed):
    def rss_attributes(self) -> dict:
        return {**super().rss_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}


class LatestArticlesFeed(Feed):
    feed_type = ArabicRssFeed
    language = "ar"

    def title(self) -> str:
        return escape(settings.SITE_NAME)

    def link(self) -> str:
        return absolute_url("/")

    def feed_url(self) -> str:
        return absolute_url(reverse("articles:feed"))

    def description(self) -> str:
        return escape(_("The latest news from %(site)s") % {"site": settings.SITE_NAME})

    def articles(self):
        return Article.objects.published().for_listing()

    def items(self):
        return self.articles()[:FEED_SIZE]

    def item_title(self, item: Article) -> str:
        return escape(item.title)

    def item_description(self, item: Article) -> str:
        return escape(item.excerpt)

    def item_link(self, item: Article) -> str:
        return absolute_url(item.get_absolute_url())

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return escape("، ".join(author.name for author in item.authors.all()))

    def item_categories(self, item: Article) -> list[str]:
        return [escape(item.category.name)]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        """The lead photo's JPEG rendition, with its size in bytes as RSS requires.

        One file-size look-up per item (no query); a rendition not written yet is left out
        rather than announced with a wrong length.
        """
        if not item.image or not item.image_width:
            return []
        width = widest(widths_for(item.image_width), ENCLOSURE_WIDTH)
        name = rendition_name(item.image.name, width, "jpg")
        storage = item.image.storage
        try:
            length = storage.size(name)
        except (OSError, NotImplementedError):
            return []
        return [Enclosure(absolute_url(storage.url(name)), str(length), "image/jpeg")]


class CategoryFeed(LatestArticlesFeed):
    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug)

    def title(self, obj: Category) -> str:
        return escape(f"{obj.name} - {settings.SITE_NAME}")

    def link(self, obj: Category) -> str:
        return absolute_url(obj.get_absolute_url())

    def feed_url(self, obj: Category) -> str:
        return absolute_url(reverse("articles:category_feed", kwargs={"slug": obj.slug}))

    def description(self, obj: Category) -> str:
        return escape(obj.description) if obj.description else self.title(obj)

    def items(self, obj: Category):
        return self.articles().filter(category=obj)[:FEED_SIZE]
