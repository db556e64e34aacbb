from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles import fragments

from .models import Page


@receiver([post_save, post_delete], sender=Page)
def show_in_the_footer(sender, **kwargs) -> None:
    """The footer is a fragment (``footer.py``): a page's change starts a new generation of
    fragments once it is committed."""
    transaction.on_commit(fragments.bump)
