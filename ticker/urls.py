from django.urls import path

from . import views

app_name = "ticker"

urlpatterns = [
    path("ticker.json", views.ticker_json, name="json"),
]
