"""The one allow-list for rich text that reaches a reader's browser.

Bodies are cleaned when saved (so the database holds clean HTML) and again when rendered
(so HTML that arrived by a path that skips ``save()``, such as ``QuerySet.update()``, a raw
SQL import or a restored revision, is still harmless). nh3 is fast enough to do both.

URLs are judged the way browsers read them: parsed by ada (a WHATWG URL Standard parser,
the standard Chromium, Firefox and Safari follow), never by ``urllib``, which reads
``https://evil.example\\@www.youtube.com/`` as a YouTube address where a browser loads
``evil.example``. A frame or image address is kept only in its canonical form (exactly
what the parser would serialise), so what was checked is what the browser requests.
"""

import re
from functools import lru_cache

import nh3
from ada_url import URL
from django.conf import settings

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark",
    "ul", "ol", "li", "a", "blockquote", "q", "cite", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "span", "iframe",
}  # fmt: skip
# No permission-granting attribute is taken from a body (allow, allowfullscreen, sandbox,
# srcdoc, referrerpolicy…): what a video frame may do is set below, the same for all.
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "iframe": {"src", "width", "height", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "*": {"dir", "lang"},
}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_PROTOCOLS = {"http:", "https:", "mailto:"}

# Players embedded in bodies, and the paths of their players (never a host's other pages).
IFRAME_HOSTS = {
    "www.youtube-nocookie.com": "/embed/",
    "www.youtube.com": "/embed/",
    "youtube.com": "/embed/",
    "player.vimeo.com": "/video/",
    "www.dailymotion.com": "/embed/",
    "geo.dailymotion.com": "/player",
}
# Every video frame may go full screen, and nothing more: no camera, microphone,
# geolocation or other feature is delegated to it, whatever the body said.
IFRAME_SET = {"allowfullscreen": "", "loading": "lazy", "referrerpolicy": "strict-origin"}


def parse_url(value: str, base: str | None = None) -> URL | None:
    """``value`` parsed as a browser parses it (WHATWG), or None if it is not a URL."""
    try:
        return URL(value, base) if base is not None else URL(value)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _origins(site_url: str, media_url: str) -> tuple[str, frozenset[str]]:
    """The site's origin, and the origins images may come from (the site, and the media
    host when uploads are served from object storage or a CDN)."""
    site = parse_url(site_url + "/")
    site_origin = site.origin if site else ""
    media = parse_url(media_url) if media_url.startswith(("http://", "https://")) else None
    image_origins = {site_origin} | ({media.origin} if media else set())
    return site_origin, frozenset(o for o in image_origins if o)


def site_origin() -> str:
    return _origins(settings.SITE_URL, settings.MEDIA_URL)[0]


def image_origins() -> frozenset[str]:
    """Where images may be loaded from; the Content-Security-Policy allows the same."""
    return _origins(settings.SITE_URL, settings.MEDIA_URL)[1]


def is_video_frame_url(value: str) -> bool:
    """An https player address of an allowed video host, in canonical form."""
    url = parse_url(value)
    return (
        url is not None
        and url.href == value
        and url.protocol == "https:"
        and not url.username
        and not url.password
        and not url.port
        and url.pathname.startswith(IFRAME_HOSTS.get(url.hostname, "\0"))
    )


def is_site_image_url(value: str) -> bool:
    """A path on this site (``/media/…``) or an address on the site or media origin, in
    canonical form. ``//host/x`` and ``/\\host/x`` are other hosts to a browser, so they
    are not site paths."""
    if value.startswith("/"):
        origin = site_origin()
        url = parse_url(value, origin)
        return (
            url is not None
            and url.origin == origin
            and value == url.pathname + url.search + url.hash
        )
    url = parse_url(value)
    return (
        url is not None
        and url.href == value
        and not url.username
        and not url.password
        and url.origin in image_origins()
    )


def is_link_url(value: str) -> bool:
    """A link a reader may follow: http(s) or mailto, as the browser will resolve it."""
    url = parse_url(value, site_origin())
    return url is not None and url.protocol in LINK_PROTOCOLS


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "src":
        if tag == "iframe":
            return value if is_video_frame_url(value) else None
        if tag == "img":
            return value if is_site_image_url(value) else None
    if attribute in ("href", "cite"):
        return value if is_link_url(value) else None
    return value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    attribute_filter=_filter_attribute,
    set_tag_attribute_values={"iframe": IFRAME_SET},
    strip_comments=True,
)


def _clean_once(html: str) -> str:
    cleaned = _cleaner.clean(html)
    # An iframe whose src was refused is an empty frame, an image without src a broken
    # one: drop them entirely.
    return _IMAGE_WITHOUT_SRC.sub("", _FRAME_WITHOUT_SRC.sub("", cleaned))


def clean_html(html: str) -> str:
    """Return ``html`` with everything outside the newsroom allow-list removed.

    The result is a fixed point: cleaning it again changes nothing. A tree the parser
    built from broken markup can serialise to HTML that parses differently
    (``<p><object><p>`` gives ``<p><p></p></p>``, which a browser reads as three
    paragraphs); what a browser will build from the output is cleaned again until it
    no longer changes, so what was checked is what the browser sees.
    """
    cleaned = _clean_once(html or "")
    for _ in range(4):
        again = _clean_once(cleaned)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


_FRAME_WITHOUT_SRC = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.S)
_IMAGE_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
