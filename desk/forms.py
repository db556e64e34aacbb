"""The desk's forms: articles (restricted by role, refusing stale saves) and galleries."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.forms import UnicodeSlugFormMixin
from articles.models import Article, Gallery, Photo
from images.fields import MultipleImageField, ValidatedImageField

from .permissions import is_editor
from .widgets import NewsroomEditorWidget, TagSuggestInput


class PhotoForm(forms.ModelForm):
    image = ValidatedImageField(label=_("image"))

    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "position"]


class GalleryForm(forms.ModelForm):
    upload_photos = MultipleImageField(
        label=_("Add photos"),
        required=False,
        help_text=_("Choose several photos at once; they are added after the existing ones."),
    )

    class Meta:
        model = Gallery
        fields = ["title"]


class ArticleAdminForm(UnicodeSlugFormMixin, forms.ModelForm):
    slug_max_length = 220
    slug_from = None  # Article.save() makes a unique slug from the title

    image = ValidatedImageField(label=_("featured image"), required=False)
    video_url = forms.URLField(label=_("video address"), required=False, assume_scheme="https")
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "kind", "category", "authors", "tags", "excerpt", "body",
            "image", "image_caption", "image_credit", "video_url", "gallery", "status",
            "published_at",
        ]  # fmt: skip
        widgets = {"tags": TagSuggestInput}

    # Set by ArticleAdmin.get_form: the person saving.
    current_user = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
        if "body" in self.fields and self.current_user is not None:
            # Source mode only for editors; everything is sanitised on save either way.
            config = "editor" if is_editor(self.current_user) else "default"
            self.fields["body"].widget = NewsroomEditorWidget(config_name=config)

    def clean_published_at(self):
        """The time as shown, to the second: an unchanged field keeps the stored time
        exactly (its microseconds order stories published in the same second)."""
        value = self.cleaned_data.get("published_at")
        stored = self.instance.published_at
        if value and stored and value == stored.replace(microsecond=0):
            return stored
        return value

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale_save(cleaned.get("edit_version"))
        return cleaned

    def _refuse_stale_save(self, opened_version: int | None) -> None:
        # The admin's change view runs in a transaction: the row lock makes a concurrent
        # save wait here and then see the version it wrote.
        current = (
            Article.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values("version", "updated_at", "updated_by__username", "updated_by__first_name")
            .first()
        )
        if current is None or opened_version == current["version"]:
            return
        who = current["updated_by__first_name"] or current["updated_by__username"] or "?"
        when = date_format(timezone.localtime(current["updated_at"]), "j F Y - H:i:s")
        # The next save is a deliberate one: it carries the version the person has now seen.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = str(current["version"])
        raise ValidationError(
            gettext(
                "%(who)s saved this article at %(when)s, after you opened it. Your text is "
                "kept below and nothing was saved. Compare with the current version (open "
                "it in a new tab); saving again will replace their changes with yours."
            )
            % {"who": who, "when": when},
            code="stale",
        )
