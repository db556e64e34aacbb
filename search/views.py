from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def search(request: HttpRequest) -> HttpResponse:
    """Placeholder until Arabic search lands: an empty results page, never an error."""
    query = request.GET.get("q", "")[:200]
    return render(request, "search/results.html", {"query": query, "page_obj": None})
