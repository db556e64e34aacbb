from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class PreviewCutoff(models.Model):
    """Preview links of an article issued before ``not_before`` no longer open it.

    Set when the story is archived (so a link sent before does not come back to life
    when the story returns to draft) and when an editor revokes every outstanding link.
    """

    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="preview_cutoff",
    )
    not_before = models.BigIntegerField(_("links issued before (µs since the epoch)"))

    class Meta:
        verbose_name = _("preview link cut-off")
        verbose_name_plural = _("preview link cut-offs")

    def __str__(self) -> str:
        return str(self.article_id)
