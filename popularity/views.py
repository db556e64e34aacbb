from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import counting

MAX_ID = 2**63 - 1


@csrf_exempt  # a counting beacon from possibly cached pages; it changes nothing else
@require_POST
def count_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The reading beacon: 204 whether or not the view counted (nothing to learn from it)."""
    if pk > MAX_ID:
        raise Http404("No such article")
    counting.record(request, pk)
    response = HttpResponse(status=204)
    patch_cache_control(response, no_store=True)
    return response
