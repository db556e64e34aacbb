from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from . import feed


@require_safe
def ticker_json(request: HttpRequest) -> HttpResponse:
    payload, etag = feed.current_payload()
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponse(status=304)
    else:
        response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=feed.CACHE_SECONDS)
    return response
