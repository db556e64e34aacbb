"""The baseline of ``bench_site.py``: a bare Django view answering fixed bytes.

Django with no middleware, one URL and a view returning the bytes of the file named by
``BENCH_BODY`` (the article page bench_site.py fetched): what the framework itself costs
per request, for comparison. Served by gunicorn as ``bench_bare:application``.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = Path(os.environ["BENCH_BODY"]).read_bytes()


def page(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-" + "k" * 50,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)
urlpatterns = [path("", page)]
application = get_wsgi_application()
