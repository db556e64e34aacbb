from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.site import absolute_url
from articles.views import public_cache

from .models import Page


@require_safe
@public_cache
def page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page.objects.public(), slug=slug)
    context = {"page": page, "canonical_url": absolute_url(page.get_absolute_url())}
    return render(request, "pages/page.html", context)
