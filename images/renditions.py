"""Resized WebP and JPEG copies of article and gallery images for the public site.

Renditions are written once per source image (:func:`make_renditions`, run when an image
is saved) and their names are derived from the source name, so public pages compute
``srcset`` values from the database alone (:func:`srcset`), with no storage call per image.

Besides the full-frame widths, each source gets crops at 16:9, 4:3 and 1:1 (``CROPS``)
framed around the focal point its library item records (the centre without one), for
cards, social cards and structured data (:func:`crop_url`, :func:`crop_srcset`).
"""

from __future__ import annotations

import io
import logging
import posixpath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageOps

from .gate import open_image

logger = logging.getLogger(__name__)

WIDTHS = (320, 640, 960, 1280)
FORMATS = ("webp", "jpg")
_SAVE_PARAMS = {
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "jpg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
}


def rendition_name(source_name: str, width: int, fmt: str) -> str:
    """``articles/2026/11/abcd.jpg`` → ``renditions/articles/2026/11/abcd-640.webp``."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown rendition format {fmt!r}; use one of {FORMATS}.")
    stem, _ext = posixpath.splitext(source_name)
    return f"renditions/{stem}-{width}.{fmt}"


CROPS = {"16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}


def crop_name(source_name: str, ratio: str, width: int, fmt: str) -> str:
    """``articles/2026/11/abcd.jpg`` → ``renditions/articles/2026/11/abcd-16x9-640.webp``."""
    if ratio not in CROPS:
        raise ValueError(f"Unknown crop {ratio!r}; use one of {tuple(CROPS)}.")
    stem = rendition_name(source_name, width, fmt).rsplit("-", 1)[0]
    return f"{stem}-{ratio}-{width}.{fmt}"


def crop_size(width: int, height: int, ratio: str) -> tuple[int, int]:
    """The largest frame of that ratio inside the source."""
    across, down = CROPS[ratio]
    if width * down > height * across:  # wider than the ratio: cut the sides
        return max(1, height * across // down), height
    return width, max(1, width * down // across)


def crop_widths(width: int, height: int, ratio: str) -> list[int]:
    """Rendition widths of a crop: the usual ones, and the whole crop when it is wider
    than them (a search engine asks for 1,200 px where the original allows)."""
    crop_width = crop_size(width, height, ratio)[0]
    widths = widths_for(crop_width)
    if widths and crop_width > widths[-1]:
        widths.append(crop_width)
    return widths


def crop_box(width: int, height: int, ratio: str, focal: tuple[float, float]) -> tuple:
    """The crop's box around the focal point (fractions), kept inside the source."""
    crop_w, crop_h = crop_size(width, height, ratio)
    fx = min(max(float(focal[0]), 0.0), 1.0)
    fy = min(max(float(focal[1]), 0.0), 1.0)
    left = min(max(round(fx * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(fy * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def _focal_point(source_name: str) -> tuple[float, float]:
    from .models import Image as LibraryImage

    point = LibraryImage.objects.filter(file=source_name).values_list("focal_x", "focal_y")
    return point[0] if point else (0.5, 0.5)


def _all_names(source_name: str, width: int, height: int | None) -> list[str]:
    names = [rendition_name(source_name, w, fmt) for w in widths_for(width) for fmt in FORMATS]
    if height:
        names += [
            crop_name(source_name, ratio, w, fmt)
            for ratio in CROPS
            for w in crop_widths(width, height, ratio)
            for fmt in FORMATS
        ]
    return names


def widths_for(source_width: int) -> list[int]:
    """The rendition widths for a source: never wider than it (no upscaling)."""
    if source_width < 1:
        return []
    return [w for w in WIDTHS if w <= source_width] or [source_width]


def _resized(img: Image.Image, width: int) -> Image.Image:
    height = max(1, round(img.height * width / img.width))
    return img.resize((width, height), Image.Resampling.LANCZOS)


def _encode(img: Image.Image, fmt: str) -> bytes:
    if fmt == "jpg" and img.mode == "RGBA":
        # JPEG has no alpha: flatten transparent areas onto white, as pages show them.
        background = Image.new("RGB", img.size, (255, 255, 255))
        background.paste(img, mask=img.getchannel("A"))
        img = background
    buf = io.BytesIO()
    img.save(buf, **_SAVE_PARAMS[fmt])
    return buf.getvalue()


def make_renditions(fieldfile: FieldFile, width: int | None = None) -> list[str]:
    """Write the missing renditions of an image field's file; return the names written.

    Existing renditions are skipped, so running it again is cheap and changes nothing:
    given the stored ``width``, a source whose renditions all exist is not even opened
    (the model is saved far more often than its image changes). A missing, unreadable or
    oversized source is logged and gives ``[]``; it never raises. Animated images get
    renditions of their first frame.
    """
    if not fieldfile or not fieldfile.name:
        return []
    storage = fieldfile.storage
    source_name = fieldfile.name
    height_field = getattr(getattr(fieldfile, "field", None), "height_field", None)
    height = getattr(fieldfile.instance, height_field, None) if height_field else None
    if width and all(storage.exists(name) for name in _all_names(source_name, width, height)):
        return []
    try:
        with storage.open(source_name, "rb") as fh, open_image(fh) as img:
            # The widths follow the stored width, the one Django saved on the model and
            # srcset() reads, so every URL srcset() gives exists.
            widths = widths_for(img.width)
            # Uploads are already upright; files from before the upload checks may not be.
            upright = ImageOps.exif_transpose(img)
            has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
            upright = upright.convert("RGBA" if has_alpha else "RGB")
    except (OSError, ValueError, ValidationError) as exc:
        logger.warning("No renditions for %s: %s", source_name, exc)
        return []

    written = []
    for width in widths:
        missing = [
            (fmt, name)
            for fmt in FORMATS
            if not storage.exists(name := rendition_name(source_name, width, fmt))
        ]
        if not missing:
            continue
        resized = _resized(upright, width)
        for fmt, name in missing:
            # save() returns the name actually used; it differs only if another process
            # wrote the same rendition meanwhile, and the extra copy is harmless.
            written.append(storage.save(name, ContentFile(_encode(resized, fmt))))
    written += _write_crops(storage, source_name, upright)
    return written


def _write_crops(storage, source_name: str, upright: Image.Image) -> list[str]:
    focal = _focal_point(source_name)
    written = []
    for ratio in CROPS:
        wanted = [
            (w, fmt, name)
            for w in crop_widths(upright.width, upright.height, ratio)
            for fmt in FORMATS
            if not storage.exists(name := crop_name(source_name, ratio, w, fmt))
        ]
        if not wanted:
            continue
        framed = upright.crop(crop_box(upright.width, upright.height, ratio, focal))
        for w in sorted({w for w, _fmt, _name in wanted}):
            resized = framed if w == framed.width else _resized(framed, w)
            for _w, fmt, name in (entry for entry in wanted if entry[0] == w):
                written.append(storage.save(name, ContentFile(_encode(resized, fmt))))
    return written


def drop_crops(fieldfile: FieldFile, width: int | None, height: int | None) -> None:
    """Delete a source's crops (its focal point moved); ``make_renditions`` redraws them."""
    if not fieldfile or not fieldfile.name or not width or not height:
        return
    for ratio in CROPS:
        for w in crop_widths(width, height, ratio):
            for fmt in FORMATS:
                fieldfile.storage.delete(crop_name(fieldfile.name, ratio, w, fmt))


def srcset(fieldfile: FieldFile | None, width: int | None, fmt: str) -> str:
    """The ``srcset`` value for an image, from its stored width; no storage access.

    Pass the width saved on the model (``article.image_width``, ``photo.width``); with no
    width (or no file) the result is ``""`` and the template should fall back to the
    original image.
    """
    if not fieldfile or not fieldfile.name or not width:
        return ""
    storage = fieldfile.storage
    return ", ".join(
        f"{storage.url(rendition_name(fieldfile.name, w, fmt))} {w}w" for w in widths_for(width)
    )


def widest(widths: list[int], max_width: int) -> int:
    """The widest of ``widths`` not wider than ``max_width``, else the narrowest."""
    return max((w for w in widths if w <= max_width), default=widths[0])


def rendition_url(fieldfile: FieldFile | None, width: int | None, fmt: str, max_width: int) -> str:
    """The URL of the widest rendition not wider than ``max_width``, for a plain ``src``.

    Falls back to the narrowest rendition, and to ``""`` without a file or stored width.
    """
    if not fieldfile or not fieldfile.name or not width:
        return ""
    chosen = widest(widths_for(width), max_width)
    return fieldfile.storage.url(rendition_name(fieldfile.name, chosen, fmt))


def crop_srcset(
    fieldfile: FieldFile | None, width: int | None, height: int | None, ratio: str, fmt: str
) -> str:
    """``srcset`` for a crop, from the stored width and height; no storage access."""
    if not fieldfile or not fieldfile.name or not width or not height:
        return ""
    storage = fieldfile.storage
    return ", ".join(
        f"{storage.url(crop_name(fieldfile.name, ratio, w, fmt))} {w}w"
        for w in crop_widths(width, height, ratio)
    )


def crop_url(
    fieldfile: FieldFile | None,
    width: int | None,
    height: int | None,
    ratio: str,
    max_width: int,
    fmt: str = "jpg",
) -> str:
    """The widest rendition of a crop not wider than ``max_width`` (else the narrowest)."""
    if not fieldfile or not fieldfile.name or not width or not height:
        return ""
    chosen = widest(crop_widths(width, height, ratio), max_width)
    return fieldfile.storage.url(crop_name(fieldfile.name, ratio, chosen, fmt))
