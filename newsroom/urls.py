from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.static import serve

from articles.sitemaps import SITEMAPS, news_sitemap, sitemap_index
from articles.views import favicon, public_cache, robots_txt

from .views import health

# A stopped database gives the Arabic 503 page, any other unhandled error the 500 page.
handler500 = "newsroom.views.server_error"

urlpatterns = [
    # The editor's image upload (the name CKEditor's widget reverses), before the admin.
    path("", include("images.urls")),
    path("admin/", admin.site.urls),
    path("robots.txt", robots_txt, name="robots"),
    path("health/", health, name="health"),
    path("favicon.ico", favicon),
    # An index of sitemaps, each paginated by 1,000 URLs, so the whole archive is listed.
    # Cached like every public page (edge/): made stale by a publish, not by a timer.
    path(
        "sitemap.xml",
        public_cache(sitemap_index),
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_cache(sitemaps.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("news-sitemap.xml", public_cache(news_sitemap), name="news_sitemap"),
    path("", include("ticker.urls")),
    path("", include("search.urls")),
    path("", include("popularity.urls")),
    path("", include("pages.urls")),
    path("", include("desk.urls")),
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
