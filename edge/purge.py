"""Telling the reverse proxies (Varnish, ``deploy/varnish/newsroom.vcl``) what changed.

After a commit, ``edge.invalidation`` hands the changed paths here. One ``BAN`` request per
proxy (``NEWSROOM_VARNISH_URLS``) carries an anchored regular expression naming exactly
those paths, each with any query string (``?page=2``, ``?p=3``) and in every content
coding; Varnish accepts it only from the addresses in its ``purgers`` ACL. A proxy that
cannot be reached is logged and skipped: its copies expire by their ``s-maxage``.
"""

from __future__ import annotations

import http.client
import logging
import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 1.0
BAN_HEADER = "X-Ban-Url"
EVERYTHING = "^/"


def url_pattern(paths: Iterable[str]) -> str:
    """``^(?:/a/|/b/)(?:\\?.*)?$`` for the percent-encoded form of each path."""
    encoded = sorted({quote(path, safe="/:@!$&'()*+,;=-._~%") for path in paths})
    alternatives = "|".join(re.escape(path) for path in encoded)
    return f"(?i)^(?:{alternatives})(?:\\?.*)?$"


def proxies() -> list[str]:
    return list(getattr(settings, "VARNISH_URLS", []))


def ban(pattern: str) -> int:
    """Send one BAN with this URL pattern to every proxy; return how many accepted it."""
    accepted = 0
    for base in proxies():
        parts = urlsplit(base)
        connection = http.client.HTTPConnection(
            parts.hostname, parts.port or 80, timeout=TIMEOUT_SECONDS
        )
        try:
            connection.request("BAN", "/", headers={BAN_HEADER: pattern})
            status = connection.getresponse().status
        except OSError as error:
            logger.warning("Could not ban %s on %s: %s", pattern, base, error)
            continue
        finally:
            connection.close()
        if status == 200:
            accepted += 1
        else:
            logger.warning("%s refused the ban of %s (HTTP %s)", base, pattern, status)
    return accepted


def purge_paths(paths: Iterable[str]) -> int:
    paths = list(paths)
    if not paths or not proxies():
        return 0
    return ban(url_pattern(paths))


def purge_everything() -> int:
    return ban(EVERYTHING) if proxies() else 0
