"""The full-page cache for anonymous readers, in Django's shared cache.

A public page (a response whose ``Cache-Control`` says ``public``) asked for by a reader
without a session or CSRF cookie is stored once rendered and compressed, and served from
the cache to the next readers without touching the view, the session, the database or
the compressor. The rules, each a test in ``tests/edge``:

- only GET and HEAD, only requests without the session or CSRF cookie (an editor, a
  journalist, anyone who has logged in or posted a form) are served or stored; previews
  and the admin never;
- only a 200 that sets no cookie, is not ``private``/``no-store``/``no-cache``, varies on
  nothing but ``Accept-Encoding`` and ``Cookie``, and is not streamed is stored;
- one copy per path, query and content coding (``br``, ``gzip``, none);
- invalidation is by version: every path has a version token, and the site a generation
  token (``edge.invalidation`` changes them after a commit). A copy remembers the tokens it
  was rendered under; a copy whose tokens differ, or whose freshness has passed, is
  *stale*;
- no stampede: a stale copy is kept ``PAGE_CACHE_STALE_SECONDS`` longer than its freshness;
  the first request that finds it stale takes a lock (``cache.add``) and renders, every
  other request meanwhile gets the stale copy. A request that finds no copy at all
  renders. A render that fails (5xx: the database is down) gives the stale copy too.

Reading a hit costs one ``get_many`` (the copy and both tokens) from the shared cache.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from urllib.parse import unquote

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import cc_delim_re, get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from .compression import chosen_encoding

GENERATION_KEY = "page:generation"
LOCK_SECONDS = 15
# Conditional headers are answered from the stored copy, after rendering a full page.
CONDITIONAL_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")
ALLOWED_VARY = {"accept-encoding", "cookie"}
CACHE_HEADER = "X-Page-Cache"


def page_cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 60)


def normal_path(path: str) -> str:
    """One spelling per path: percent-encoded and decoded Arabic paths are the same page."""
    return unquote(path)


def path_key(path: str) -> str:
    return "page:path:" + hashlib.sha256(normal_path(path).encode()).hexdigest()


def copy_key(request: HttpRequest) -> str:
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    address = f"{normal_path(request.path)}?{query}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:copy:{chosen_encoding(request) or 'identity'}:{digest}"


def new_token() -> str:
    return uuid.uuid4().hex[:12]


def invalidate_paths(paths: Iterable[str]) -> None:
    """Make every stored copy of these paths (all queries, all codings) stale."""
    cache.set_many({path_key(path): new_token() for path in paths}, None)


def invalidate_site() -> None:
    """Make every stored page stale (the ticker or the sections menu changed)."""
    cache.set(GENERATION_KEY, new_token(), None)


def is_anonymous(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and settings.CSRF_COOKIE_NAME not in cookies


def may_serve(request: HttpRequest) -> bool:
    if page_cache_seconds() <= 0 or request.method not in ("GET", "HEAD"):
        return False
    path = request.path_info
    excluded = ("/admin/", "/preview/", "/" + settings.STATIC_URL.lstrip("/"))
    return not path.startswith(excluded) and is_anonymous(request)


def may_store(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    directives = {
        d.split("=", 1)[0].strip().lower()
        for d in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= ALLOWED_VARY


def shared_max_age(response: HttpResponseBase) -> int:
    """How long a shared cache may keep the response: ``s-maxage``, else ``max-age``."""
    ages = {}
    for directive in cc_delim_re.split(response.get("Cache-Control", "")):
        name, _, value = directive.partition("=")
        if value.strip().isdigit():
            ages[name.strip().lower()] = int(value)
    return ages.get("s-maxage", ages.get("max-age", 0))


class PageCacheMiddleware:
    """Serves and stores anonymous readers' public pages (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not may_serve(request):
            return self.get_response(request)
        key, pkey = copy_key(request), path_key(request.path)
        found = cache.get_many([key, pkey, GENERATION_KEY])
        copy = found.get(key)
        tokens = (found.get(GENERATION_KEY), found.get(pkey))
        if copy is not None and copy["tokens"] == tokens and time.time() < copy["fresh_until"]:
            return self.answer(request, copy, "HIT")
        # Stale or missing: one request renders; while it does, the others get the stale
        # copy (with no copy at all there is nothing to give them, and they render too).
        locked = cache.add(key + ":lock", 1, LOCK_SECONDS)
        if not locked and copy is not None:
            return self.answer(request, copy, "STALE")
        try:
            response = self.render_and_store(request, key, tokens)
            if response.status_code >= 500 and copy is not None:
                # stale-if-error: the database is down, a bug slipped in; readers keep
                # the last good copy instead of the error page.
                return self.answer(request, copy, "STALE")
            return response
        finally:
            if locked:
                cache.delete(key + ":lock")

    def render_and_store(self, request: HttpRequest, key: str, tokens: tuple) -> HttpResponseBase:
        conditional = {
            name: request.META.pop(name) for name in CONDITIONAL_HEADERS if name in request.META
        }
        response = self.get_response(request)
        request.META.update(conditional)
        seconds = min(page_cache_seconds(), shared_max_age(response))
        if seconds <= 0 or not may_store(request, response):
            return self.conditional(request, response)
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date()
        copy = {
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() != CACHE_HEADER.lower()],
            "content": response.content,
            "fresh_until": time.time() + seconds,
            "tokens": tokens,
        }
        cache.set(key, copy, seconds + getattr(settings, "PAGE_CACHE_STALE_SECONDS", 600))
        answer = self.conditional(request, response)
        answer[CACHE_HEADER] = "MISS"
        return answer

    def answer(self, request: HttpRequest, copy: dict, state: str) -> HttpResponseBase:
        response = HttpResponse(copy["content"], status=copy["status"])
        for name, value in copy["headers"]:
            response[name] = value
        answer = self.conditional(request, response)
        answer[CACHE_HEADER] = state
        return answer

    @staticmethod
    def conditional(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        """A 304 when the reader's copy is current (ETag first, then Last-Modified)."""
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if not etag and not last_modified:
            return response
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )
