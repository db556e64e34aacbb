from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from articles.uploads import editor_image_upload

urlpatterns = [
    # The name CKEditor's widget reverses; ckeditor_uploader's own URLs are not mounted.
    path("admin/editor-upload/", editor_image_upload, name="ckeditor_upload"),
    path("admin/", admin.site.urls),
    path("", include("ticker.urls")),
    path("", include("search.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    # Production serves media from object storage or the web server, never from Django.
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]
