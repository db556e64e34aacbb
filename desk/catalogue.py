"""Strings the project's Arabic catalogue translates for others (``locale/ar``).

Listed here so ``makemessages`` keeps them: Django's own Arabic catalogue says «نجحت
إضافة» (added) for a change and leaves a few admin strings in English; group names and
the capitalised field labels the admin stores in its history («Changed Body and Status»)
are translated when shown.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

DJANGO_ADMIN = [
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("Search"),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If "
        "disabled, they may still be able to authenticate using other backends, such as "
        "Single Sign-On or LDAP."
    ),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Reset password"),
    gettext_noop("algorithm"),
    gettext_noop("salt"),
    gettext_noop("hash"),
    gettext_noop("iterations"),
]

# Models of other apps whose names the permission lists show (desk.accounts_admin).
MODEL_NAMES = [
    gettext_noop("tagged articles"),
    gettext_noop("access attempt expirations"),
    gettext_noop("loaded items"),
    gettext_noop("revisions"),
    gettext_noop("versions"),
    gettext_noop("Locked Out"),
]

GROUPS = [gettext_noop("Editors"), gettext_noop("Journalists")]

# The article form's labels as the admin's history stores them (capitalised, English).
HISTORY_LABELS = [
    gettext_noop("Title"),
    gettext_noop("Slug"),
    gettext_noop("Kind"),
    gettext_noop("Section"),
    gettext_noop("Authors"),
    gettext_noop("Tags"),
    gettext_noop("Excerpt"),
    gettext_noop("Body"),
    gettext_noop("Featured image"),
    gettext_noop("Image caption"),
    gettext_noop("Image credit"),
    gettext_noop("Video address"),
    gettext_noop("Photo gallery"),
    gettext_noop("Status"),
    gettext_noop("Publication time"),
    gettext_noop("Photo from the library"),
]

# django-tasks-db's list of tasks (administrators only): its labels and the task states.
BACKGROUND_TASKS = [
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
    gettext_noop("enqueued at"),
    gettext_noop("started at"),
    gettext_noop("finished at"),
    gettext_noop("args kwargs"),
    gettext_noop("priority"),
    gettext_noop("task path"),
    gettext_noop("worker id"),
    gettext_noop("queue name"),
    gettext_noop("backend name"),
    gettext_noop("run after"),
    gettext_noop("return value"),
    gettext_noop("exception class path"),
    gettext_noop("traceback"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]
