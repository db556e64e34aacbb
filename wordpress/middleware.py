"""Old WordPress links answer with a 301 to the page that replaced them.

Like ``django.contrib.redirects``' fallback middleware, this site's own pages always win:

* ``/?p=123`` (and ``?cat=``, ``?tag=``, ``?page_id=``, ``?s=``, ``?feed=``) reaches the
  home view, which would answer 200 with the home page; those are answered before it.
* A path that none of this site's URLs matches (``/2024/05/03/slug/``, ``/slug/``,
  ``/category/…``) can only be an old address: it is looked up before the 404 page is
  rendered, so the redirect costs that one query and nothing else.
* An old image address (``/wp-content/uploads/2024/05/photo-300x200.jpg``, linked from
  other sites and search engines' image results) answers with the checked copy the
  importer stored, the original for a resized copy.
* A path that one of this site's URLs matches (``/tag/…``, ``/author/…``, ``/feed/``,
  ``/search/``) is answered by that view; only its 404 falls back to the mapping.

The lookup is one query on a unique index (``LegacyPath.path``); an article target is
checked in the same query with ``Exists(Article.objects.published())`` on its primary key,
so a draft or scheduled story is never revealed by its old address.
Redirects are ordinary 301 responses with the public pages' short ``Cache-Control``, so a
full-page cache may keep them like any page.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import patch_cache_control

from articles.models import Article

from . import paths
from .models import ImportedAttachment, LegacyPath

# The query parameters of WordPress's "plain" links, answered instead of the home page.
QUERY_KEYS = ("p", "page_id", "cat", "tag", "author", "m", "s", "feed", "attachment_id")
# Paths that are never old WordPress addresses: no lookup for their 404s.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/preview/", "/hit/")


class LegacyRedirectMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if request.method not in ("GET", "HEAD") or path.startswith(SKIPPED_PREFIXES):
            return self.get_response(request)
        if path == "/":
            if any(key in request.GET for key in QUERY_KEYS):
                return self.query_redirect(request)
            return self.get_response(request)
        ours = _resolves(path, request)
        if not ours and not (
            settings.APPEND_SLASH and not path.endswith("/") and _resolves(path + "/", request)
        ):
            # Not an address of this site (nor one CommonMiddleware completes with a slash).
            redirect = self.path_redirect(request)
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if ours and response.status_code == 404:
            # This site's pattern matched but found nothing (an old /tag/… slug).
            return self.path_redirect(request) or response
        return response

    def query_redirect(self, request: HttpRequest) -> HttpResponse:
        """``/?p=123`` and friends: a redirect, or a 404 (never the home page)."""
        query = request.GET
        if "s" in query:  # a WordPress search: the same words on this site's search
            words = query.get("s", "").strip()[:200]
            target = reverse("search:search") + (f"?{urlencode({'q': words})}" if words else "")
            return _redirect(target)
        if "feed" in query and not any(k in query for k in ("p", "cat", "tag")):
            return _redirect(reverse("articles:feed"))
        if archive := paths.month_query(query.get("m", "")):
            name, kwargs = archive
            return _redirect(reverse(name, kwargs=kwargs))
        for name in ("p", "cat", "tag", "author"):
            value = query.get(name, "")
            if value and (name == "tag" or value.isdigit()):
                key = paths.normalize(f"/?{name}={value}")
                target = _stored_target(key, feed="feed" in query) if key else None
                if target:
                    return _redirect(target)
        # Pages (page_id), attachment pages, unknown or unpublished posts: not found.
        raise Http404("No such WordPress address")

    def path_redirect(self, request: HttpRequest) -> HttpResponse | None:
        if candidates := paths.upload_candidates(request.path_info):
            target = _upload_target(candidates)
            return _redirect(target) if target else None
        static = paths.static_target(request.path_info)
        if static is not None:
            name, kwargs = static
            return _redirect(reverse(name, kwargs=kwargs))
        lookup = paths.lookup_for(request.path_info)
        if lookup is None:
            return None
        target = _lookup(lookup)
        return _redirect(target) if target else None


def _resolves(path: str, request: HttpRequest) -> bool:
    try:
        resolve(path, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return True


def _lookup(lookup: paths.Lookup) -> str | None:
    rows = {row.path: row for row in _visible(Q(path__in=lookup.candidates))}
    for key in lookup.candidates:  # most specific first
        if key in rows:
            return _target_url(rows[key], feed=lookup.feed and key != lookup.candidates[0])
    return None


def _upload_target(candidates: tuple[str, ...]) -> str | None:
    """The stored copy of an old ``wp-content/uploads`` file (one indexed lookup)."""
    rows = dict(
        ImportedAttachment.objects.filter(source__in=candidates)
        .exclude(stored="")
        .values_list("source", "stored")[: len(candidates) * 4]
    )
    for source in candidates:  # the file itself before the original of a resized copy
        if source in rows:
            return default_storage.url(rows[source])
    return None


def _stored_target(key: str, feed: bool = False) -> str | None:
    row = next(iter(_visible(Q(path=key))), None)
    return _target_url(row, feed=feed) if row else None


def _visible(condition: Q):
    """Mapping rows matching ``condition`` whose article, if any, readers may see."""
    visible = Exists(Article.objects.published().filter(pk=OuterRef("article_id")))
    return (
        LegacyPath.objects.filter(condition)
        .filter(Q(article__isnull=True) | visible)
        .select_related("article", "category", "tag", "author")
        .only(
            "path",
            "article__slug",
            "category__slug",
            "tag__slug",
            "author__slug",
        )
    )


def _target_url(row: LegacyPath, feed: bool = False) -> str | None:
    if row.article_id:
        return row.article.get_absolute_url()
    if row.category_id:
        if feed:
            return reverse("articles:category_feed", kwargs={"slug": row.category.slug})
        return row.category.get_absolute_url()
    if feed:  # tags and authors have no feed of their own here: the site's feed
        return reverse("articles:feed")
    if row.tag_id:
        return row.tag.get_absolute_url()
    if row.author_id:
        return row.author.get_absolute_url()
    return None


def _redirect(url: str) -> HttpResponse:
    response = HttpResponsePermanentRedirect(url)
    patch_cache_control(
        response, public=True, max_age=getattr(settings, "PUBLIC_CACHE_SECONDS", 60)
    )
    return response
