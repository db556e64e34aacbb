from ckeditor.fields import RichTextField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from articles.models import CleanedOnSave, TitledMixin, title_slug
from articles.sanitize import clean_html
from common.fields import unicode_slug


class PageQuerySet(models.QuerySet):
    def public(self) -> "PageQuerySet":
        """What readers may see: the pages an editor published."""
        return self.filter(is_published=True)

    def in_footer(self) -> "PageQuerySet":
        return self.public().filter(in_footer=True)


class Page(TitledMixin, CleanedOnSave, models.Model):  # noqa: DJ008 (its __str__ is TitledMixin's)
    """A page of the site itself (about us, contact, privacy, terms), managed by editors."""

    title = models.CharField(_("title"), max_length=120)
    slug = unicode_slug(
        120, help_text=_("The page's address; Arabic letters are allowed. Empty: from the title.")
    )
    body = RichTextField(_("body"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    in_footer = models.BooleanField(
        _("in the footer"), default=True, help_text=_("List this page in every page's footer.")
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the footer, smallest first.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("site page")
        verbose_name_plural = _("site pages")

    line_fields = ("title",)

    def get_absolute_url(self) -> str:
        return reverse("pages:page", kwargs={"slug": self.slug})

    def prepare(self) -> None:
        self.slug = title_slug(self, 110, "page")
        # The same allow-list as articles: sanitised on save, and again on render.
        self.body = clean_html(self.body)
