"""The addresses a WordPress site had, in one normal form for storing and looking up.

WordPress stores non-Latin slugs percent-encoded (``%d8%a7…``), browsers send them encoded
or raw, and MySQL matches them without regard to case; ``normalize`` folds all of these to
one key, so a percent-encoded and a raw Arabic link find the same row.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

MAX_PATH = 1000

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SLASHES = re.compile(r"/{2,}")
# Suffixes WordPress accepts after any object's address: its feeds, pages of a list, pages
# of a paginated post, comment pages, AMP and embed views. They lead to the same object.
_FEED_SUFFIX = re.compile(r"^(?P<base>.*)/feed(?:/(?:rss|rss2|atom|rdf))?$")
_OTHER_SUFFIX = re.compile(
    r"^(?P<base>.+?)/(?:page/\d{1,6}|comment-page-\d{1,6}|\d{1,4}|amp|embed|trackback)$"
)
_SITE_FEEDS = re.compile(r"^/(?:feed/(?:rss|rss2|atom|rdf)|rss|rss2|atom|rdf|comments/feed.*)$")
_MONTH = re.compile(r"^/(?P<year>\d{4})/(?P<month>\d{2})$")
_DAY = re.compile(r"^/(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})$")


def normalize(path: str, *, encoded: bool = False) -> str | None:
    """The stored form of a path; ``None`` for one that can never be stored.

    ``encoded``: the path comes from the export (percent-encoded); a request's path is
    already decoded by the server and must not be decoded twice.
    """
    if encoded:
        path = unquote(path, errors="replace")
    path = unicodedata.normalize("NFC", path).lower()
    if _CONTROL.search(path):
        return None
    path = _SLASHES.sub("/", "/" + path.lstrip("/"))
    if path.startswith("/index.php/"):  # "PATHINFO" permalinks of servers without rewrites
        path = path[len("/index.php") :]
    path = path.rstrip("/") or "/"
    if len(path) > MAX_PATH:
        return None
    return path


def path_of(url: str) -> str | None:
    """The normalised path of a URL from the export (its host dropped)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.query and parts.path in ("", "/"):
        return query_key(parts.query)
    return normalize(parts.path, encoded=True) if parts.path else None


def query_key(query: str) -> str | None:
    """``p=12&foo=1`` → ``/?p=12``: the query forms the importer stores."""
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        if name in ("p", "cat", "tag", "author") and value:
            return normalize(f"/?{name}={value}", encoded=True)
    return None


@dataclass(frozen=True)
class Lookup:
    """Where to look for an old path: stored keys, and what the suffix asked for."""

    candidates: tuple[str, ...]
    feed: bool = False


def lookup_for(path: str) -> Lookup | None:
    """The stored keys that may answer a request's (decoded) path, most specific first."""
    key = normalize(path)
    if key is None or key == "/":
        return None
    if match := _FEED_SUFFIX.match(key):
        base = match["base"]
        return Lookup((key, base), feed=True) if base else None
    if match := _OTHER_SUFFIX.match(key):
        return Lookup((key, match["base"]))
    return Lookup((key,))


def static_target(path: str) -> tuple[str, dict] | None:
    """WordPress addresses that need no stored mapping: site feeds and date archives.

    Returns a URL name here and its arguments.
    """
    key = normalize(path)
    if key is None:
        return None
    if _SITE_FEEDS.match(key):
        return "articles:feed", {}
    if match := _MONTH.match(key):
        year, month = int(match["year"]), int(match["month"])
        if 1 <= month <= 12:
            return "articles:archive_month", {"year": year, "month": month}
    if match := _DAY.match(key):
        year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return "articles:archive_day", {"year": year, "month": month, "day": day}
    return None


def post_paths(
    *,
    wp_id: int,
    link: str,
    slugs: list[str],
    local_date: datetime | None,
) -> list[str]:
    """Every address a post could be reached at on its WordPress site.

    The exported ``link`` (the permalink as the site had it), ``/?p=ID``, and for each slug
    (the current one and any ``_wp_old_slug``) the common permalink structures:
    ``/slug/``, ``/YYYY/MM/slug/`` and ``/YYYY/MM/DD/slug/`` (dates in the site's time).
    """
    found: list[str | None] = [f"/?p={wp_id}", path_of(link) if link else None]
    for slug in slugs:
        if not slug:
            continue
        found.append(normalize(slug, encoded=True))
        if local_date is not None:
            found.append(normalize(f"/{local_date:%Y/%m}/{slug}", encoded=True))
            found.append(normalize(f"/{local_date:%Y/%m/%d}/{slug}", encoded=True))
    # A malformed permalink may look like one of the date archives: those stay archives.
    return [key for key in _unique(found) if static_target(key) is None]


def category_paths(term_id: int | None, nicenames: list[str]) -> list[str]:
    """``/category/parent/child/``, ``/category/child/`` and ``/?cat=ID``."""
    found = [f"/?cat={term_id}" if term_id else None]
    if nicenames:
        found.append(normalize("/category/" + "/".join(nicenames), encoded=True))
        found.append(normalize(f"/category/{nicenames[-1]}", encoded=True))
    return _unique(found)


def tag_paths(slug: str) -> list[str]:
    return _unique(
        [normalize(f"/tag/{slug}", encoded=True), normalize(f"/?tag={slug}", encoded=True)]
    )


def author_paths(login: str, author_id: int | None = None) -> list[str]:
    """``/author/<nicename>/`` (WordPress derives the nicename from the login), ``/?author=ID``."""
    nicename = sanitize_title(login)
    return _unique(
        [
            normalize(f"/author/{nicename}", encoded=True),
            f"/?author={author_id}" if author_id else None,
        ]
    )


def month_query(value: str) -> tuple[str, dict] | None:
    """``?m=202405`` or ``?m=20240503``: WordPress's plain date archives."""
    if not value.isdigit() or len(value) not in (6, 8):
        return None
    year, month = int(value[:4]), int(value[4:6])
    if not 1 <= month <= 12:
        return None
    if len(value) == 6:
        return "articles:archive_month", {"year": year, "month": month}
    day = int(value[6:])
    if not 1 <= day <= 31:
        return None
    return "articles:archive_day", {"year": year, "month": month, "day": day}


def sanitize_title(value: str) -> str:
    """What WordPress makes of a login for its author address (``user_nicename``)."""
    value = value.strip().lower().replace(".", "-")
    value = re.sub(r"[^%\w\s-]", "", value)
    value = re.sub(r"[\s_]+", "-", value)
    return re.sub(r"-{2,}", "-", value).strip("-")


def _unique(paths: list[str | None]) -> list[str]:
    return list(dict.fromkeys(p for p in paths if p and p != "/"))


UPLOADS_PREFIX = "/wp-content/uploads/"
# WordPress's resized copies (``photo-300x200.jpg``) and its "big image" copy
# (``photo-scaled.jpg``, 5.3+) stand for the original the importer stored.
_SIZED_COPY = re.compile(r"^(?P<base>.+?)(?:-\d{1,5}x\d{1,5}|-scaled)(?P<ext>\.[A-Za-z0-9]{2,5})$")


def upload_candidates(path: str) -> tuple[str, ...]:
    """For a request's ``/wp-content/uploads/…`` path, the attachment sources it may name.

    Most specific first: the file itself, then the original of a resized copy. Empty for a
    path that is not under the uploads folder or could never be stored.
    """
    if not path.startswith(UPLOADS_PREFIX):
        return ()
    relative = unicodedata.normalize("NFC", path[len(UPLOADS_PREFIX) :])
    if not relative or len(relative) > 500 or _CONTROL.search(relative) or ".." in relative:
        return ()
    candidates = [relative]
    if match := _SIZED_COPY.match(relative):
        original = match["base"] + match["ext"]
        candidates += [original, f"{match['base']}-scaled{match['ext']}"]
    return tuple(dict.fromkeys(candidates))
