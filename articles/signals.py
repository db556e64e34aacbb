"""Renditions are made once, by the background worker after the image is stored
(images/tasks.py, images/renditions.py); page fragments start a new generation after any
change readers could see (fragments.py)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from images.signals import renditions_ready
from images.tasks import make_renditions_later

from . import fragments
from .models import Article, Author, Category, Gallery, Photo, Tag, TaggedArticle


@receiver(post_save, sender=Article)
@receiver(post_save, sender=Photo)
def make_image_renditions(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    image = instance.image
    if image and image.name:
        stored_width = instance.image_width if sender is Article else instance.width
        make_renditions_later(image, stored_width)


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=Tag)
@receiver([post_save, post_delete], sender=Author)
@receiver([post_save, post_delete], sender=Gallery)
@receiver([post_save, post_delete], sender=Photo)
@receiver(m2m_changed, sender=TaggedArticle)
@receiver(m2m_changed, sender=Article.authors.through)
def published_content_changed(sender, **kwargs) -> None:
    """Anything a page fragment may show changed: start a new generation of fragments
    (``articles.fragments``) once the change is committed. Bumped inside the transaction,
    a request in between could rebuild a fragment from the old rows under the new
    generation and keep it."""
    transaction.on_commit(fragments.bump)


@receiver(renditions_ready)
def renditions_now_ready(sender, name: str, **kwargs) -> None:
    """Fragments made while an image had no renditions show the original: replace them
    (at once: the files are written, no transaction to wait for)."""
    fragments.bump()
