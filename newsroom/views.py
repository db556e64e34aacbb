"""Answers for when something below the site fails: the database or the cache."""

import secrets
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

RETRY_AFTER_SECONDS = 30
LOCAL_CACHES = ("LocMemCache", "DummyCache")


def database_unavailable(error: BaseException | None) -> bool:
    """A failure to reach or use the database (stopped, restarting, unreachable, out of
    connections), as opposed to a bug in a query."""
    return isinstance(error, OperationalError | InterfaceError)


def _error_page(template: str, request: HttpRequest, status: int) -> HttpResponse:
    """An error page rendered with nothing that could fail in turn.

    ``render_to_string`` without the request runs no context processor (the sections
    menu, the user: the database), and the stylesheet's URL is left out rather than
    raising when the static manifest lacks it.
    """
    try:
        stylesheet = static("css/error.css")
    except ValueError:
        stylesheet = ""
    context = {
        "in_admin": request.path.startswith("/admin/"),
        "site_name": settings.SITE_NAME,
        "stylesheet": stylesheet,
    }
    return HttpResponse(loader.render_to_string(template, context), status=status)


def unavailable(request: HttpRequest) -> HttpResponse:
    """The Arabic «temporarily unavailable» page, rendered without the database."""
    response = _error_page("503.html", request, 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)  # a CDN must not keep the outage
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a 503 page when the database is unavailable, else the 500 page.

    Django calls it for every exception no view or middleware handled (its traceback goes
    to the log, never to the reader), so a stopped database gives readers and editors the
    same short Arabic page; the site recovers by itself, as Django re-opens connections
    that failed (``conn_health_checks``).
    """
    if database_unavailable(sys.exc_info()[1]):
        return unavailable(request)
    return _error_page("500.html", request, 500)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_state() -> str:
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith(LOCAL_CACHES):
        return "local"
    token = secrets.token_hex(8)
    cache.set("health:probe", token, 10)
    return "ok" if cache.get("health:probe") == token else "unavailable"


def login_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The user name django-axes counts failures under, cut to what an account name can be.

    Axes stores it in a 255-character column: a 10,000-character "user name" posted to the
    login form was a 500 on PostgreSQL. No account has a longer name than the user model
    allows, so the cut loses nothing.
    """
    source = credentials if credentials else getattr(request, "POST", {})
    name = source.get("username") or ""
    user_model = get_user_model()
    return str(name)[: user_model._meta.get_field(user_model.USERNAME_FIELD).max_length]


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout answer: the Arabic page, 429, never cached."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    response = HttpResponse(
        loader.render_to_string("registration/locked_out.html", context), status=429
    )
    add_never_cache_headers(response)
    return response


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 while the site can serve pages (the database answers),
    503 otherwise. A cache outage is reported but keeps 200: pages are served uncached.
    Says nothing about the set-up (no host names, versions or error texts)."""
    database = "ok" if _database_ok() else "unavailable"
    cache_state = _cache_state()
    if database != "ok":
        status = "unavailable"
    elif cache_state == "unavailable":
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "cache": cache_state},
        status=200 if database == "ok" else 503,
    )
