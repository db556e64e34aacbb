from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import fragments


def site(request: HttpRequest) -> dict:
    """The site name and the sections menu, on every page (from the shared cache; one
    query when the fragments' generation is new)."""
    menu = SimpleLazyObject(fragments.sections_menu)
    return {"site_name": settings.SITE_NAME, "menu_categories": menu}
