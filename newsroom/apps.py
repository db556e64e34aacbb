from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project itself: its system checks (``newsroom.checks``)."""

    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the checks)
