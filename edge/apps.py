from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EdgeConfig(AppConfig):
    name = "edge"
    verbose_name = _("Page cache and reverse proxy")

    def ready(self) -> None:
        from . import invalidation  # noqa: F401  (connects the signal handlers)
