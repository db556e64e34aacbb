"""Forms shared by every admin that edits content with a Unicode slug."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from arabic.text import unicode_slugify


class UnicodeSlugFormMixin:
    """Normalise the slug as the model will store it, before checking it is free.

    Without this, «---» would pass validation and be stored empty, and «ABC» would pass
    next to an existing «abc» and fail in the database. The slug is cut to the model's slug
    field, as its ``save()`` cuts it.
    """

    slug_from: str | None = "name"  # an empty slug is made from this field

    def clean_slug(self) -> str:
        raw = self.cleaned_data.get("slug") or ""
        if not raw and self.slug_from:
            raw = self.data.get(self.add_prefix(self.slug_from), "")
        model = self._meta.model
        slug = unicode_slugify(raw, model._meta.get_field("slug").max_length)
        if raw and not slug:
            raise ValidationError(
                _("Use letters or digits in the slug, not only dashes or symbols."),
                code="invalid",
            )
        if slug and model.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This slug is already in use."), code="unique")
        return slug


class UnicodeSlugForm(UnicodeSlugFormMixin, forms.ModelForm):
    """An admin's form for content with a Unicode slug; the admin names the model and its
    fields (``ModelAdmin.fields``)."""
