"""Signed, expiring preview links for reviewers outside the newsroom.

The token names one article and the moment it was issued, and is signed with the site's
secret; it shows that article only, stops working after ``PREVIEW_LINK_HOURS`` (48 by
default), and when the article is archived or an editor revokes its links (``revoke``):
links issued before that moment stay dead whatever happens to the story afterwards.
"""

import time

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import PreviewCutoff

SALT = "articles.preview-link"  # unchanged by the move: links already sent stay valid


def max_age() -> int:
    return int(getattr(settings, "PREVIEW_LINK_HOURS", 48)) * 3600


def _now_us() -> int:
    return time.time_ns() // 1000


def make_token(article_id: int) -> str:
    return signing.dumps({"article": article_id, "at": _now_us()}, salt=SALT, compress=True)


def read_token(token: str) -> int | None:
    """The article id, or None for a forged, altered, expired or revoked token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.BadSignature:  # SignatureExpired is a subclass
        return None
    if not isinstance(data, dict):
        return None
    article_id, issued = data.get("article"), data.get("at", 0)
    if not isinstance(article_id, int) or not isinstance(issued, int):
        return None
    cutoff = PreviewCutoff.objects.filter(article_id=article_id).values_list(
        "not_before", flat=True
    )
    if cutoff and issued < cutoff[0]:
        return None
    return article_id


def revoke(article_id: int) -> None:
    """Every link of this article issued until now stops working."""
    PreviewCutoff.objects.update_or_create(
        article_id=article_id, defaults={"not_before": _now_us() + 1}
    )


def preview_url(article_id: int) -> str:
    return reverse("desk:shared_preview", kwargs={"token": make_token(article_id)})
