"""Content-Security-Policy (django-csp): a strict policy for readers, one CKEditor 4 works
under for the admin, and a report-only switch.

Public pages: scripts only from the site itself (``script-src 'self'``: no inline script
or event handler runs, and no script from anywhere else), styles, fonts, fetches
and images from the site itself (and the media host when uploads live elsewhere), frames
only from the video players the sanitiser allows, nothing may frame the site, no plugin,
no ``<base>``. No third-party host otherwise. There is no nonce: public pages are served
from the page cache and Varnish to every reader, and a nonce stored in a cached page would
be the same for all of them (so no secret at all). The site's scripts are files; an
inline script a page needs one day gets a ``'sha256-…'`` hash in ``PUBLIC_SCRIPT_HASHES``.

The admin: CKEditor 4 builds its toolbar with inline event handlers
(``onclick="CKEDITOR.tools.callFunction(…)"``) and inline styles, which no nonce or hash
can cover, so scripts and styles may be inline there, still from this site only (no
third-party host), with the same limits on frames, plugins, forms and framing. Rich text
is sanitised on the server whatever the editor does.

``NEWSROOM_CSP_REPORT_ONLY=1`` sends the same policies as
``Content-Security-Policy-Report-Only`` (to ``NEWSROOM_CSP_REPORT_URI`` when set), to try a
change on a live site without blocking anything.
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

from articles.sanitize import IFRAME_HOSTS, image_origins

ADMIN_PREFIX = "/admin/"
# Hashes ('sha256-…') of inline scripts public pages may run; none today.
PUBLIC_SCRIPT_HASHES: list[str] = []


def _common() -> dict:
    images = [SELF, *sorted(image_origins())]
    policy = {
        "default-src": [SELF],
        "img-src": images,
        "media-src": images,
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": sorted(f"https://{host}" for host in IFRAME_HOSTS),
        "object-src": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "manifest-src": [SELF],
        "worker-src": [NONE],
    }
    if settings.SECURE_SSL_REDIRECT:
        policy["upgrade-insecure-requests"] = True
    if settings.NEWSROOM_CSP_REPORT_URI:
        policy["report-uri"] = [settings.NEWSROOM_CSP_REPORT_URI]
    return policy


def public_policy() -> dict:
    return {
        **_common(),
        "script-src": [SELF, *PUBLIC_SCRIPT_HASHES],
        "style-src": [SELF],
        "base-uri": [NONE],
    }


def admin_policy() -> dict:
    common = _common()
    return {
        **common,
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        # CKEditor shows pasted and uploaded pictures as data: and blob: URLs.
        "img-src": [*common["img-src"], "data:", "blob:"],
        "frame-src": [SELF, *common["frame-src"]],
        "base-uri": [SELF],
    }


class NewsroomCSPMiddleware(CSPMiddleware):
    """Chooses the public or the admin policy by path, enforced or report-only."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only != settings.NEWSROOM_CSP_REPORT_ONLY:
            return PolicyParts()  # this header is not the one in use: none
        if parts.config is None:
            is_admin = request.path_info.startswith(ADMIN_PREFIX)
            parts.config = admin_policy() if is_admin else public_policy()
        # No nonce anywhere: public pages are cached for everyone (see above), and in the
        # admin a nonce would switch 'unsafe-inline' off.
        parts.nonce = None
        return parts
