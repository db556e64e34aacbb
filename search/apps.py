from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_triggers(sender, using: str = "default", **kwargs) -> None:
    """Re-create missing triggers after every migrate (SQLite drops them on table rebuilds)."""
    from .triggers import install

    install(connections[using])


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401

        post_migrate.connect(_install_triggers, sender=self, dispatch_uid="search_triggers")
