"""The site's public origin (``NEWSROOM_SITE_URL``): the only base of absolute URLs.

Canonical links, Open Graph and JSON-LD, feeds, sitemaps, robots.txt and signed preview
links are built from the configured origin, never from the request's Host header, which a
client chooses (and a cache may keep what one client chose for everybody).
"""

from urllib.parse import urljoin

from django.conf import settings


def absolute_url(location: str) -> str:
    """``location`` (a site path, or an absolute URL such as a media file on a CDN) as an
    absolute URL on the public origin."""
    return urljoin(settings.SITE_URL + "/", location)
