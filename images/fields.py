"""Form fields for image uploads: every file they accept has passed :mod:`images.gate`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from .gate import CONTENT_TYPES, clean_image_file


class ValidatedImageField(forms.ImageField):
    """An image upload field whose cleaned value is the re-encoded file from the gate.

    Django's own ``forms.ImageField.to_python`` decodes the upload with every Pillow format
    and no pixel limit, so it is bypassed entirely: our checks are the only ones that open
    the file. With no new upload, the existing file is returned untouched.
    """

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ",".join(CONTENT_TYPES.values())
        return attrs

    def to_python(self, data: Any) -> SimpleUploadedFile | None:
        if data in self.empty_values:
            return None
        if not hasattr(data, "read") or not hasattr(data, "size"):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        # The uploader's file name is not checked (length, extension): it is discarded.
        return clean_image_file(data)


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Many photos in one step; each is checked and re-encoded like any other upload."""

    widget = MultipleImageInput

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs["accept"] = ",".join(CONTENT_TYPES.values())
        return attrs

    def clean(self, data, initial=None) -> list[SimpleUploadedFile]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(clean_image_file(upload))
            except ValidationError as error:
                errors.extend(f"{upload.name}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned
