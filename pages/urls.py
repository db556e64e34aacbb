from django.urls import path

from articles import converters  # noqa: F401  (registers <uslug:>)

from . import views

app_name = "pages"

urlpatterns = [
    path("page/<uslug:slug>/", views.page, name="page"),
]
