from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from taggit.forms import TagWidget


class NewsroomEditorWidget(CKEditorUploadingWidget):
    """CKEditor whose image uploads carry Django's CSRF token (see articles/uploads.py)."""

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=["desk/editor.js"])


class TagSuggestInput(TagWidget):
    """taggit's comma-separated input, with suggestions of existing tags as one types."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs={"class": "vTextField", "data-tag-suggest": "1", **(attrs or {})})

    @property
    def media(self) -> forms.Media:
        return forms.Media(js=["desk/tags.js"])


class ThumbnailFileInput(forms.ClearableFileInput):
    """The current photo as a picture (not its storage path), with the file chooser."""

    template_name = "desk/widgets/thumbnail_file.html"
