from django.urls import path

from . import views

app_name = "popularity"

urlpatterns = [
    path("hit/<int:pk>/", views.count_view, name="count"),
]
