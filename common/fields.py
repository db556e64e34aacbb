"""Field declarations several models make the same way, said once.

Each factory returns a new field and is called in place in the model's body, so the field
keeps its position among the others (Django orders fields by creation, and the admin and
the history's diff show them in that order), and its deconstruction is what the written-out
declaration gave: using one changes no migration.
"""

from django.conf import settings
from django.db import models
from django.db.models.base import ModelBase
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def user_stamp(verbose_name: str | Promise) -> models.ForeignKey:
    """Who created, changed or uploaded a row: set by the code that saves it, never in a
    form; the row stays when the account is deleted (the link empties), and the user model
    gets no reverse accessor for it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )


def optional_link(
    to: ModelBase | str,
    verbose_name: str | Promise,
    *,
    related_name: str,
    on_delete=models.SET_NULL,
) -> models.ForeignKey:
    """A link a form may leave empty: null in the database and blank in forms together
    (one without the other is a form that accepts what the database refuses, or the
    reverse). Emptied when the target goes, unless ``on_delete`` says otherwise."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        on_delete=on_delete,
        null=True,
        blank=True,
        related_name=related_name,
    )


def unicode_slug(max_length: int, **options) -> models.SlugField:
    """The address part of a public page: any script's letters (Arabic ones included),
    unique, and left empty in a form for the model's ``save()`` to fill."""
    return models.SlugField(
        _("slug"), max_length=max_length, unique=True, allow_unicode=True, blank=True, **options
    )
