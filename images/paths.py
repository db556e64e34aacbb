"""Where uploaded files are stored: names chosen by the server, never by the uploader."""

import uuid
from pathlib import PurePath

from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class UploadPath:
    """``<prefix>/<year>/<month>/<random hex><ext>``: the uploader's name never reaches disk."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __call__(self, instance: models.Model, filename: str) -> str:
        ext = PurePath(filename).suffix.lower()[:6]
        return f"{self.prefix}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{ext}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UploadPath) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)
