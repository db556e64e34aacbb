from django.conf import settings
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


class DeskNote(models.Model):
    """A note from the desk about a story: an editor's word to the writer when returning
    it, or a writer's refused text sent to the editors. Shown on the desk and the form."""

    class Kind(models.TextChoices):
        RETURNED = "returned", _("Returned to the writer")
        PROPOSED = "proposed", _("Sent to the editors")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="desk_notes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.RETURNED)
    text = models.TextField(_("note"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["-written_at", "-id"]
        verbose_name = _("desk note")
        verbose_name_plural = _("desk notes")
        indexes = [
            # The form and the writer's desk: an article's latest note.
            models.Index(fields=["article", "-written_at"], name="desknote_article_idx"),
        ]

    def __str__(self) -> str:
        return self.text[:60]
