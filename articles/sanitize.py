"""The one allow-list for rich text that reaches a reader's browser.

Bodies are cleaned when saved (so the database holds clean HTML) and again when rendered
(so HTML that arrived by a path that skips ``save()``, such as ``QuerySet.update()``, a raw
SQL import or a restored revision, is still harmless). nh3 is fast enough to do both.
"""

import re
from urllib.parse import urlsplit

import nh3

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark",
    "ul", "ol", "li", "a", "blockquote", "q", "cite", "figure", "figcaption", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "hr", "span", "iframe",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "iframe": {"src", "width", "height", "title", "allowfullscreen", "allow"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "blockquote": {"cite"},
    "*": {"dir", "lang"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# Players embedded in bodies; privacy-enhanced hosts first.
IFRAME_HOSTS = {
    "www.youtube-nocookie.com",
    "www.youtube.com",
    "youtube.com",
    "player.vimeo.com",
    "www.dailymotion.com",
    "geo.dailymotion.com",
}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src":
        parts = urlsplit(value)
        if parts.scheme != "https" or parts.hostname not in IFRAME_HOSTS:
            return None
    if tag == "img" and attribute == "src":
        parts = urlsplit(value)
        # Site-relative uploads, or https images; never data:, javascript: or plain http
        # (mixed content).
        if parts.scheme not in ("", "https") or (not parts.scheme and parts.netloc):
            return None
    return value


_cleaner = nh3.Cleaner(
    tags=TAGS,
    attributes=ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener noreferrer nofollow",
    attribute_filter=_filter_attribute,
    strip_comments=True,
)


def clean_html(html: str) -> str:
    """Return ``html`` with everything outside the newsroom allow-list removed."""
    cleaned = _cleaner.clean(html or "")
    # An iframe whose src was refused is an empty frame: drop it entirely.
    return _FRAME_WITHOUT_SRC.sub("", cleaned)


_FRAME_WITHOUT_SRC = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.S)
