"""Renditions are made once, by the background worker after the image is stored
(images/tasks.py, images/renditions.py)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from images.tasks import make_renditions_later

from .models import Article, Photo


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Photo)
def make_image_renditions(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    image = instance.image
    if image and image.name:
        stored_width = instance.image_width if sender is Article else instance.width
        make_renditions_later(image, stored_width)
