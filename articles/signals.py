"""Renditions are made once, right after the image is stored (see images/renditions.py)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from images.renditions import make_renditions

from .models import Article, Photo


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Photo)
def make_image_renditions(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    image = instance.image
    if image and image.name:
        stored_width = instance.image_width if sender is Article else instance.width
        transaction.on_commit(lambda: make_renditions(image, stored_width))
