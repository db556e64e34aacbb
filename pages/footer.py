"""The footer's list of pages, on every public page: cached, so a warm cache costs no query.

Deleted after the commit of any page's save or delete (``signals.py``), so an editor's change
shows at once on every process.
"""

from django.core.cache import cache

from .models import Page

CACHE_KEY = "pages:footer:v1"
CACHE_SECONDS = 3600


def footer_links() -> list[tuple[str, str]]:
    """(title, URL) of the published footer pages, in order."""
    links = cache.get(CACHE_KEY)
    if links is None:
        links = [(page.title, page.get_absolute_url()) for page in Page.objects.in_footer()]
        cache.set(CACHE_KEY, links, CACHE_SECONDS)
    return links


def forget() -> None:
    cache.delete(CACHE_KEY)
