"""The desk's forms: articles (restricted by role, refusing stale saves) and galleries."""

import re
import uuid

from django import forms
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from arabic.text import clean_line
from articles.admin_widgets import StrictAutocompleteSelectMultiple
from articles.forms import UnicodeSlugFormMixin
from articles.models import Article, Category, Gallery, Photo
from articles.sanitize import clean_html
from images.fields import MultipleImageField, ValidatedImageField
from images.models import Image as LibraryImage
from ticker.models import HEADLINE_MAX_LENGTH

from .accounts_admin import staff_name
from .permissions import is_editor
from .widgets import NewsroomEditorWidget, TagSuggestInput, ThumbnailFileInput


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
    from_library = forms.ModelMultipleChoiceField(
        label=_("Add photos from the library"),
        queryset=LibraryImage.objects.all(),
        required=False,
        # The library's autocomplete, reached through the story's «photo» field.
        widget=StrictAutocompleteSelectMultiple(Article._meta.get_field("photo"), admin.site),
        help_text=_("Search by caption or credit; they are added after the new uploads."),
    )

    class Meta:
        model = Gallery
        fields = ["title"]


LOCAL_INPUT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker; the value is Casablanca time (TIME_ZONE)."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format=LOCAL_INPUT)


def local_datetime_field(label, **kwargs) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        required=False,
        widget=LocalDateTimeInput,
        input_formats=[LOCAL_INPUT, "%Y-%m-%dT%H:%M:%S"],
        **kwargs,
    )


# The workflow buttons (``name="_workflow"``): the status each one gives the story.
WORKFLOW = {
    "submit": Article.Status.REVIEW,
    "publish": Article.Status.PUBLISHED,
    "schedule": Article.Status.PUBLISHED,
    "return": Article.Status.DRAFT,
    "archive": Article.Status.ARCHIVED,
}
EDITORS_STEPS = {"publish", "schedule", "return", "archive"}


class CommaTagField(TagField):
    """Tags separated by commas (Latin or Arabic) only: «معرض الكتاب» is one tag, as a
    journalist means it; taggit would split a comma-less line on its spaces."""

    def clean(self, value):
        value = forms.CharField.clean(self, value)
        names = [name.strip().strip('"') for name in re.split(r"[,،]", value or "")]
        return [name for name in names if name]


FORM_ONLY = {  # never "changed" in the history
    "edit_version", "autosave_draft", "schedule_at", "return_note", "ticker_text",
    "ticker_breaking", "ticker_position", "ticker_expires_at",
}  # fmt: skip


def same_html(before: str | None, after: str | None) -> bool:
    """Equal once sanitised, whitespace between and around tags ignored."""

    def norm(html: str | None) -> str:
        text = clean_html(html or "")
        return re.sub(r"\s+", " ", re.sub(r">\s+", ">", re.sub(r"\s+<", "<", text))).strip()

    return norm(before) == norm(after)


class ArticleAdminForm(UnicodeSlugFormMixin, forms.ModelForm):
    slug_from = None  # Article.save() makes a unique slug from the title

    image = ValidatedImageField(
        label=_("featured image"), required=False, widget=ThumbnailFileInput
    )
    tags = CommaTagField(
        label=_("tags"),
        required=False,
        widget=TagSuggestInput,
        help_text=_("Separate tags with commas."),
    )
    video_url = forms.URLField(label=_("video address"), required=False, assume_scheme="https")
    edit_version = forms.IntegerField(
        label=_("version opened"), widget=forms.HiddenInput, required=False
    )
    # The browser's copy of what is typed is kept under this id until the server confirms
    # the save that carried it (desk/static/desk/change_form.js).
    autosave_draft = forms.CharField(
        label=_("copy in this browser"), widget=forms.HiddenInput, required=False, max_length=64
    )
    # Rendered in the workflow panel, not in the fieldsets.
    schedule_at = local_datetime_field(
        _("publish at (Casablanca time)"),
        help_text=_("The day and time the story appears, in Casablanca time."),
    )
    return_note = forms.CharField(
        label=_("note to the writer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    ticker_text = forms.CharField(
        label=_("ticker line"),
        required=False,
        max_length=HEADLINE_MAX_LENGTH,
        help_text=_("What the ticker shows; the title by default."),
    )
    ticker_breaking = forms.BooleanField(label=_("breaking"), required=False, initial=True)
    ticker_position = forms.IntegerField(
        label=_("place on the ticker"), required=False, min_value=1, max_value=99, initial=1
    )
    ticker_expires_at = local_datetime_field(
        _("off the ticker at"), help_text=_("Empty: 12 hours after the story appears.")
    )

    class Meta:
        model = Article
        fields = [
            "title", "slug", "kind", "category", "authors", "tags", "excerpt", "body",
            "photo", "image", "image_caption", "image_credit", "video_url", "gallery", "status",
            "published_at",
        ]  # fmt: skip
        widgets = {"tags": TagSuggestInput}

    # Set by ArticleAdmin.get_form: the person saving.
    current_user = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
        self.fields["autosave_draft"].initial = uuid.uuid4().hex
        self.fields["ticker_text"].initial = self.instance.title
        if "status" in self.fields:
            # The workflow buttons move a story; the field only carries its status along.
            self.fields["status"].widget = forms.HiddenInput()
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
        self._apply_workflow(cleaned)
        if "photo" in self.fields:
            self._apply_library_photo(cleaned)
        return cleaned

    @cached_property
    def changed_data(self) -> list[str]:
        """What the person really changed, as the history records it: the form's own
        helper fields never, the body only when its text or markup differs once cleaned
        (CKEditor rewrites whitespace on every load), the status and time when a
        workflow button moved them."""
        changed = [name for name in super().changed_data if name not in FORM_ONLY]
        cleaned = getattr(self, "cleaned_data", {})
        if "body" in changed and same_html(self.initial.get("body"), cleaned.get("body")):
            changed.remove("body")
        for name in ("status", "published_at"):
            moved = name in cleaned and cleaned[name] != self.initial.get(name)
            if moved and name not in changed and name in self.fields:
                changed.append(name)
        return changed

    @property
    def workflow_step(self) -> str | None:
        step = self.data.get("_workflow")
        return step if step in WORKFLOW else None

    def _apply_library_photo(self, cleaned: dict) -> None:
        """A new upload becomes its own library item (desk.signals); a photo picked from
        the library fills the story's image, caption and credit."""
        image = cleaned.get("image")
        if image is False or (hasattr(image, "read") and not hasattr(image, "storage")):
            cleaned["photo"] = None  # cleared, or a new file: the signal files it
            return
        photo = cleaned.get("photo")
        if photo is None or (photo.pk == self.instance.photo_id and self.instance.image):
            return
        cleaned["image"] = photo.file.name
        if not cleaned.get("image_caption"):
            cleaned["image_caption"] = photo.caption
        if not cleaned.get("image_credit"):
            cleaned["image_credit"] = photo.credit

    def _apply_workflow(self, cleaned: dict) -> None:
        """The button pressed decides the status; the person's role decides whether it may.

        Checked here (a form error) and again by ``ArticleAdmin.save_model``.
        """
        step = self.workflow_step
        if step is None:
            return
        if step in EDITORS_STEPS and not is_editor(self.current_user):
            raise ValidationError(
                gettext("Only an editor may publish, schedule, return or archive a story."),
                code="permission",
            )
        cleaned["status"] = WORKFLOW[step]
        if step == "publish" and not self.instance.is_visible:
            cleaned["published_at"] = timezone.now()
        elif step == "schedule":
            when = cleaned.get("schedule_at")
            if when is None or when <= timezone.now():
                self.add_error("schedule_at", gettext("Choose a day and time still to come."))
            else:
                cleaned["published_at"] = when

    def _refuse_stale_save(self, opened_version: int | None) -> None:
        # The admin's change view runs in a transaction: the row lock makes a concurrent
        # save wait here and then see the version it wrote.
        current = (
            Article.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values("version", "updated_at", "updated_by")
            .first()
        )
        if current is None or opened_version == current["version"]:
            return
        saver = User.objects.select_related("author").filter(pk=current["updated_by"]).first()
        who = staff_name(saver) if saver else "؟"
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


class KeepCopyForm(forms.Form):
    """A refused save's text sent by the change form's script to be kept as a new story."""

    title = forms.CharField(max_length=200)
    excerpt = forms.CharField(max_length=600, required=False)
    body = forms.CharField(required=False, max_length=500_000)
    category = forms.ModelChoiceField(queryset=Category.objects.all(), required=False)
    source = forms.IntegerField(required=False, min_value=1)
    mode = forms.ChoiceField(choices=[("draft", "draft"), ("review", "review")])

    def clean_title(self) -> str:
        title = clean_line(self.cleaned_data["title"])
        if not title:
            raise ValidationError(gettext("Type a title for the copy."), code="invisible")
        return title
