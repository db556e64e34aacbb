from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article

from . import previews


@receiver(post_save, sender=Article)
def archived_ends_preview_links(sender, instance: Article, **kwargs) -> None:
    """Archiving ends the links sent so far, for good: a story brought back to draft
    does not reopen them (new links can be made)."""
    if instance.status == Article.Status.ARCHIVED:
        previews.revoke(instance.pk)
