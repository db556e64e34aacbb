from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import footer
from .models import Page


@receiver([post_save, post_delete], sender=Page)
def forget_footer(sender, **kwargs) -> None:
    transaction.on_commit(footer.forget)
