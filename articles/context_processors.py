from django.conf import settings
from django.http import HttpRequest

from .models import Category


def site(request: HttpRequest) -> dict:
    """The site name and the sections menu, on every page (one query, evaluated lazily)."""
    return {"site_name": settings.SITE_NAME, "menu_categories": Category.objects.all()}
