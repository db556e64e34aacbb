from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom for development and tests; not part of a production install."""

    name = "demo"
    verbose_name = "Demo newsroom"
    default_auto_field = "django.db.models.BigAutoField"
