from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article, Photo
from images import library

from . import previews


@receiver(post_save, sender=Article)
def archived_ends_preview_links(sender, instance: Article, **kwargs) -> None:
    """Archiving ends the links sent so far, for good: a story brought back to draft
    does not reopen them (new links can be made)."""
    if instance.status == Article.Status.ARCHIVED:
        previews.revoke(instance.pk)


@receiver(post_save, sender=Article)
def featured_image_in_the_library(sender, instance: Article, raw: bool = False, **kwargs) -> None:
    """Every featured image, however it arrived (the form, an import, a shell), is a
    library item; the story points at it."""
    if raw or not instance.image or not instance.image.name:
        return
    if instance.photo_id and instance.photo.file.name == instance.image.name:
        return
    item = library.register(
        instance.image.name,
        instance.image_width,
        instance.image_height,
        caption=instance.image_caption,
        credit=instance.image_credit,
        uploaded_by=instance.updated_by or instance.created_by,
    )
    Article.objects.filter(pk=instance.pk).update(photo=item)  # no second save, no signals
    instance.photo = item


@receiver(post_save, sender=Photo)
def gallery_photo_in_the_library(sender, instance: Photo, raw: bool = False, **kwargs) -> None:
    if raw or not instance.image or not instance.image.name:
        return
    library.register(
        instance.image.name,
        instance.width,
        instance.height,
        caption=instance.caption,
        credit=instance.credit,
    )
