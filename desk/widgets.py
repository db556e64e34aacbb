from ckeditor_uploader.widgets import CKEditorUploadingWidget
from django import forms
from django.urls import reverse_lazy
from taggit.forms import TagWidget


class NewsroomEditorWidget(CKEditorUploadingWidget):
    """CKEditor whose image uploads carry Django's CSRF token (see images/uploads.py) and
    whose image button can pick a photo from the library (images.admin pick view)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.config = {
            **self.config,
            "filebrowserBrowseUrl": reverse_lazy("admin:images_image_pick"),
            "filebrowserWindowWidth": 900,
            "filebrowserWindowHeight": 650,
        }

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
