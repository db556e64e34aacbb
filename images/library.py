"""Putting stored files in the photo library: one item per stored file, whatever the path
(featured image, gallery photo, the editor's upload button, the WordPress import)."""

from __future__ import annotations

from .models import Image


def register(
    name: str,
    width: int | None,
    height: int | None,
    *,
    caption: str = "",
    credit: str = "",
    alt_text: str = "",
    uploaded_by=None,
) -> Image:
    """The library item for a stored file, created the first time it is seen."""
    item, _created = Image.objects.get_or_create(
        file=name,
        defaults={
            "width": width,
            "height": height,
            "caption": caption[:300],
            "credit": credit[:120],
            "alt_text": alt_text[:300],
            "uploaded_by": uploaded_by,
        },
    )
    return item
