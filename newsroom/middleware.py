"""Requests no page can answer are refused with a 400 before any view sees them."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _


def _is_id(value: str) -> bool:
    """A positive 64-bit integer key, written in ASCII digits."""
    return value.isascii() and value.isdigit() and int(value) < 2**63


def _has_nul(pairs) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in pairs)


class RejectMalformedParametersMiddleware:
    """400 for a NUL character in any parameter name or value (query string, form fields,
    upload field names, cookies), and for admin actions on ids that are not ids.

    No text a person types contains NUL, and PostgreSQL refuses it in every string it is
    given, so a NUL that reached a query (a search, the tag suggestions, the admin's
    autocomplete, a login name, a session cookie) became a 500. Refusing it once, here,
    covers every view, present and future. The admin's action form posts the selected
    rows' ids (``_selected_action``); every model of ours has an integer key, so anything
    else is a forged request, refused instead of failing in ``pk__in``.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._malformed(request):
            return HttpResponseBadRequest(
                _("The request contains characters or values no page accepts."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    def _malformed(self, request: HttpRequest) -> bool:
        if _has_nul(request.GET.lists()):
            return True
        if any("\x00" in key or "\x00" in value for key, value in request.COOKIES.items()):
            return True
        if request.method == "POST":
            if _has_nul(request.POST.lists()) or any("\x00" in k for k in request.FILES):
                return True
            if "action" in request.POST and request.path.startswith("/admin/"):
                selected = request.POST.getlist("_selected_action")
                return not all(_is_id(value) for value in selected)
        return False
