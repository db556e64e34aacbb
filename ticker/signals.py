from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Article

from . import feed
from .models import Headline


@receiver([post_save, post_delete], sender=Headline)
@receiver([post_save, post_delete], sender=Article)
def ticker_changed(sender, **kwargs) -> None:
    """Any headline change, or an article's (its status decides its headline's visibility).

    The cached payload is deleted once the change is committed: deleted inside the
    transaction, a request in between would read the old rows and cache them again for
    ``CACHE_SECONDS``. Outside a transaction on_commit runs at once.
    """
    transaction.on_commit(feed.invalidate)
