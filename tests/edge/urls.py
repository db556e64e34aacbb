"""The site's URLs plus a public page that sets a cookie (the page cache must not keep it)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from articles.views import public_cache
from newsroom.urls import urlpatterns as site_urlpatterns


@public_cache
def cookie_page(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("<p>" + "صفحة " * 100 + "</p>")
    response.set_cookie("flavour", "mint")
    return response


urlpatterns = [path("cookie-page/", cookie_page), *site_urlpatterns]
