"""Signed, expiring preview links for reviewers outside the newsroom.

The token names one article and is signed with the site's secret; it shows that article
only, and stops working after ``PREVIEW_LINK_HOURS`` (48 by default).
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "articles.preview-link"  # unchanged by the move: links already sent stay valid


def max_age() -> int:
    return int(getattr(settings, "PREVIEW_LINK_HOURS", 48)) * 3600


def make_token(article_id: int) -> str:
    return signing.dumps({"article": article_id}, salt=SALT, compress=True)


def read_token(token: str) -> int | None:
    """The article id, or None for a forged, altered or expired token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    article_id = data.get("article") if isinstance(data, dict) else None
    return article_id if isinstance(article_id, int) else None


def preview_url(article_id: int) -> str:
    return reverse("desk:shared_preview", kwargs={"token": make_token(article_id)})
