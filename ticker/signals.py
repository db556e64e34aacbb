from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article

from . import feed
from .models import Headline


@receiver([post_save, post_delete], sender=Headline)
@receiver([post_save, post_delete], sender=Article)
def ticker_changed(sender, **kwargs) -> None:
    """Any headline change, or an article's (its status decides its headline's visibility)."""
    feed.invalidate()
