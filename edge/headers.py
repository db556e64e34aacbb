"""Headers every public response carries for browsers, Varnish and CDNs.

Views mark a response as public (``articles.views.public_cache``: ``public``, ``max-age``,
``s-maxage``, ``stale-while-revalidate``, ``stale-if-error``). Here such a response gets
``Vary: Accept-Encoding, Cookie`` (a shared cache must keep codings apart and never give a
logged-in reader's request the anonymous copy) and a ``Last-Modified`` (the time it was
rendered, when the view gave none), so browsers revalidate with ``If-Modified-Since`` as
well as with the ETag that ``ConditionalGetMiddleware`` computes.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import cc_delim_re, patch_vary_headers
from django.utils.http import http_date


def is_public(response: HttpResponseBase) -> bool:
    directives = {d.strip().lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    return "public" in directives


class PublicHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        # A page (200) may differ for a logged-in reader; a redirect never does.
        if is_public(response) and not response.streaming and response.status_code == 200:
            patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date()
        return response
