from django.apps import AppConfig, apps
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = _("Editor's desk")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401

        arabic_login_throttling()
        arabic_group_names()
        arabic_background_tasks()


def arabic_group_names() -> None:
    """The groups keep their English names (code and data migrations look them up by
    name); people see them in Arabic (``desk/catalogue.py``). And a person is shown by
    their name wherever the admin prints an account (bylines' accounts, history, logs);
    the login name stays in the accounts list and where one logs in."""
    from django.contrib.auth.models import Group, User

    Group.__str__ = lambda group: gettext(group.name)
    User.__str__ = lambda user: user.get_full_name() or user.get_username()


def arabic_login_throttling() -> None:
    """django-axes names its app «Axes» and its records in English f-strings, which the
    administrators' pages show; name them in the newsroom's language instead."""
    if not apps.is_installed("axes"):
        return
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    apps.get_app_config("axes").verbose_name = _("Login throttling")
    AccessLog.__str__ = lambda log: (
        gettext("Login of %(user)s at %(when)s")
        % {
            "user": log.username or "؟",
            "when": log.attempt_time,
        }
    )
    AccessAttempt.__str__ = lambda attempt: (
        gettext("Failed logins of %(user)s") % {"user": attempt.username or "؟"}
    )
    AccessFailureLog.__str__ = lambda failure: (
        gettext("Failed login of %(user)s at %(when)s")
        % {
            "user": failure.username or "؟",
            "when": failure.attempt_time,
        }
    )


def arabic_background_tasks() -> None:
    """django-tasks-db names its app in a plain English string and its task name column
    after a property; the administrators' list of tasks shows them in Arabic instead
    (its field labels and states are translatable; ``desk/catalogue.py`` lists them)."""
    if not apps.is_installed("django_tasks_db"):
        return
    from django_tasks_db.models import DBTaskResult

    apps.get_app_config("django_tasks_database").verbose_name = _("Background tasks")
    DBTaskResult.task_name.fget.short_description = _("task")
