from django.urls import path

from . import (
    converters,  # noqa: F401  (registers <uslug:>)
    views,
)

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("article/<uslug:slug>/", views.article_detail, name="detail"),
    path("section/<uslug:slug>/", views.CategoryView.as_view(), name="category"),
    path("tag/<uslug:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<uslug:slug>/", views.AuthorView.as_view(), name="author"),
    path("preview/<str:token>/", views.shared_preview, name="shared_preview"),
]
