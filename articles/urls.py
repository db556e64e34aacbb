from django.urls import path

from . import (
    converters,  # noqa: F401  (registers <uslug:>)
    feeds,
    views,
)

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("feed/", views.public_cache(feeds.LatestArticlesFeed()), name="feed"),
    path("article/<uslug:slug>/", views.article_detail, name="detail"),
    path("section/<uslug:slug>/", views.CategoryView.as_view(), name="category"),
    path(
        "section/<uslug:slug>/feed/",
        views.public_cache(feeds.CategoryFeed()),
        name="category_feed",
    ),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<uslug:slug>/", views.AuthorView.as_view(), name="author"),
    path("archive/<int:year>/<int:month>/", views.MonthArchive.as_view(), name="archive_month"),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        views.DayArchive.as_view(),
        name="archive_day",
    ),
]
