"""The only way an uploaded image reaches storage: checked, decoded safely, re-encoded clean.

Featured images, gallery photos, author photos and editor uploads all go through
:func:`clean_image`. It opens only real JPEG, PNG, WebP and GIF files, refuses oversized files
and decompression bombs before decoding them, applies the EXIF orientation, and re-encodes the
pixels without any metadata (EXIF, GPS, XMP, comments, PNG text) so nothing about a source
leaks out. The file name is chosen here, from the real format; the uploader's name is thrown
away.

The work one upload may cost is bounded before any pixel is decoded, for every format: bytes
(``IMAGE_MAX_BYTES``), frames of an animation (``IMAGE_MAX_FRAMES``, counted from the file's
structure and never past the limit, so 20,000 frames cost what 201 do), progressive JPEG
scans (``JPEG_MAX_SCANS``: each scan is a pass over every pixel), and width × height × frames
(``IMAGE_MAX_PIXELS``). A deadline (``IMAGE_MAX_SECONDS``) is checked between frames while
decoding and re-encoding, as a last bound on what the others let through.
"""

from __future__ import annotations

import io
import struct
import time
import uuid
import warnings
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}

# Pillow's JPEG opener turns multi-picture JPEGs (many phone cameras) into "MPO". They are
# JPEGs whose extra pictures we drop, so they are stored as plain JPEG.
_FORMAT_ALIASES = {"MPO": "JPEG"}

# What Pillow's plugins raise on hostile or broken input: beyond the documented
# OSError/SyntaxError/ValueError, short reads surface as struct.error, EOFError or IndexError.
_PILLOW_ERRORS = (
    UnidentifiedImageError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    IndexError,
    KeyError,
    TypeError,
)

_MESSAGES = {
    "empty": _("The uploaded file is empty."),
    "too_big": _("The file is too large (%(size)s). The limit is %(limit)s."),
    "invalid": _(
        "Upload a JPEG, PNG, WebP or GIF image. This file is not an image in one of these formats."
    ),
    "too_many_pixels": _(
        "The image is too large in pixels: the limit is %(limit)s megapixels. "
        "Reduce its dimensions and upload it again."
    ),
    "corrupt": _("The image is damaged or incomplete and cannot be read."),
    "too_many_frames": _(
        "The animation has too many frames: the limit is %(limit)s. "
        "Shorten it, or upload a still image."
    ),
    "too_slow": _(
        "The image takes too long to process. Upload it with fewer frames or smaller dimensions."
    ),
}

#: Progressive JPEGs are decoded in one pass over the whole picture per scan; cameras and
#: encoders write about ten. Thousands of scans in a small file make a decoding bomb.
JPEG_MAX_SCANS = 100


def _error(code: str, **params: Any) -> ValidationError:
    return ValidationError(_MESSAGES[code], code=code, params=params or None)


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:g}"


@dataclass
class CleanImage:
    """A re-encoded upload. ``content.name`` is ``<uuid4 hex><ext>`` for the real format."""

    content: ContentFile
    width: int
    height: int
    format: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]


class _Deadline:
    """Wall-clock budget of one upload, checked between frames."""

    def __init__(self) -> None:
        self.ends = time.monotonic() + settings.IMAGE_MAX_SECONDS

    def check(self) -> None:
        if time.monotonic() > self.ends:
            raise _error("too_slow")


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    """The position after a GIF data sub-block chain (length-prefixed, ending with 0)."""
    while pos < len(data):
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos
    raise _error("corrupt")


def gif_frame_count(data: bytes, limit: int) -> int:
    """Image descriptors in a GIF, counted from its block structure, stopping past ``limit``.

    Pillow's ``n_frames`` walks every frame (a quarter of a second for 20,000 one-pixel
    frames); this stops at ``limit + 1`` and decodes nothing.
    """
    if len(data) < 13:
        raise _error("corrupt")
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    frames = 0
    while pos < len(data) and frames <= limit:
        block = data[pos]
        if block == 0x3B:  # trailer
            break
        if block == 0x21:  # extension: label, then sub-blocks
            pos = _skip_sub_blocks(data, pos + 2)
        elif block == 0x2C:  # image descriptor, optional local colour table, LZW data
            frames += 1
            if pos + 10 > len(data):
                break
            local = data[pos + 9]
            pos += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0)
            pos = _skip_sub_blocks(data, pos + 1)
        else:
            break  # garbage after the last frame: Pillow stops there too
    return frames


def jpeg_scan_count(data: bytes) -> int:
    """Start-of-scan markers in a JPEG (an upper bound of its scans: entropy-coded data
    never contains an unescaped 0xFF followed by a marker byte)."""
    return data.count(b"\xff\xda")


def _check_structure(data: bytes) -> None:
    """Refuse files whose frames or scans would cost too much, before Pillow decodes."""
    max_frames: int = settings.IMAGE_MAX_FRAMES
    if data[:6] in (b"GIF87a", b"GIF89a"):
        if gif_frame_count(data, max_frames) > max_frames:
            raise _error("too_many_frames", limit=max_frames)
    elif data[:2] == b"\xff\xd8" and jpeg_scan_count(data) > JPEG_MAX_SCANS:
        raise _error("too_slow")


def open_image(fp: IO[bytes]) -> Image.Image:
    """Open and fully decode ``fp`` as an allowed format, within the pixel limit.

    The pixel limit is checked from the header before any pixel is decoded. Raises
    ``ValidationError`` for anything wrong; never a Pillow exception. Also used by the
    renditions, whose source files may predate these checks.
    """
    max_pixels: int = settings.IMAGE_MAX_PIXELS
    max_frames: int = settings.IMAGE_MAX_FRAMES
    too_many = _error("too_many_pixels", limit=_megapixels(max_pixels))
    fp.seek(0)
    _check_structure(fp.read(settings.IMAGE_MAX_BYTES + 1))
    fp.seek(0)
    # catch_warnings() swaps process-wide filters; it only matters when IMAGE_MAX_PIXELS is
    # above Pillow's own limit, since our header check below refuses first otherwise.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # formats= keeps Pillow away from every other decoder (SVG is not even one,
            # but PDF/EPS/FITS/BMP/TIFF… are never tried, whatever the file claims to be).
            img = Image.open(fp, formats=list(ALLOWED_FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except _PILLOW_ERRORS:
            raise _error("invalid") from None
        if _format_of(img) not in ALLOWED_FORMATS:
            raise _error("invalid")
        width, height = img.size
        # Animated frames are all decoded and kept in memory when re-encoding, so they
        # count against the same budget. GIF frames were counted (up to the limit) by
        # _check_structure; PNG and WebP declare theirs in a header. A JPEG keeps only its
        # first picture, so an MPO's extra pictures do not count.
        try:
            frames = getattr(img, "n_frames", 1) if _format_of(img) != "JPEG" else 1
        except _PILLOW_ERRORS:
            raise _error("corrupt") from None
        if frames > max_frames:
            raise _error("too_many_frames", limit=max_frames)
        if width * height * frames > max_pixels:
            raise too_many
        try:
            img.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except _PILLOW_ERRORS:
            raise _error("corrupt") from None
    return img


def _format_of(img: Image.Image) -> str:
    fmt = img.format or ""
    return _FORMAT_ALIASES.get(fmt, fmt)


def _read_limited(file: Any) -> bytes:
    """The file's bytes; refused before reading when the reported size is over the limit."""
    max_bytes: int = settings.IMAGE_MAX_BYTES
    size = getattr(file, "size", None)
    if size is None or size <= max_bytes:
        if hasattr(file, "seek"):
            file.seek(0)
        # One byte past the limit: a file object that reported no (or a wrong) size still
        # cannot make us hold more than the limit.
        data = file.read(max_bytes + 1)
        if hasattr(file, "seek"):
            file.seek(0)
        size = len(data)
    if size > max_bytes:
        raise _error("too_big", size=filesizeformat(size), limit=filesizeformat(max_bytes))
    if not data:
        raise _error("empty")
    return data


def _for_format(frame: Image.Image, fmt: str, has_alpha: bool) -> Image.Image:
    """A copy of ``frame`` in a mode ``fmt`` can store, with every metadata key dropped."""
    if fmt == "JPEG":
        out = frame.copy() if frame.mode in ("RGB", "L") else frame.convert("RGB")
    elif fmt == "WEBP":
        out = frame.convert("RGBA" if has_alpha else "RGB")
    elif fmt == "GIF":
        out = frame.copy() if frame.mode in ("P", "L") else frame.convert("RGBA")
    else:  # PNG stores every mode Pillow decodes from a PNG.
        out = frame.copy()
    # Pillow copies ``info`` (EXIF, XMP, comments, PNG text) into saved files; keep only
    # what the pixels need to look right.
    transparency = out.info.get("transparency")
    keep_transparency = transparency is not None and "A" not in out.getbands()
    out.info = {"transparency": transparency} if keep_transparency else {}
    return out


def _encode(img: Image.Image, fmt: str, deadline: _Deadline) -> bytes:
    icc = img.info.get("icc_profile")
    has_alpha = img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info
    params: dict[str, Any] = {}
    # An ICC profile describes colour, not people; keep it unless the pixels change colour
    # space (a CMYK profile on RGB pixels would be wrong).
    if icc and img.mode != "CMYK":
        params["icc_profile"] = icc
    if fmt == "JPEG":
        params.update(quality=85, optimize=True, progressive=True)
    elif fmt == "WEBP":
        params.update(quality=85, method=4)
    elif fmt == "PNG":
        params.update(optimize=True)

    if getattr(img, "is_animated", False) and fmt != "JPEG":
        frames, durations = [], []
        for frame in ImageSequence.Iterator(img):
            deadline.check()
            durations.append(frame.info.get("duration", 100))
            transposed = ImageOps.exif_transpose(frame)
            frames.append(_for_format(transposed.convert("RGBA"), fmt, has_alpha=True))
        first, rest = frames[0], frames[1:]
        params.update(
            save_all=True, append_images=rest, duration=durations, loop=img.info.get("loop", 0)
        )
    else:
        first = _for_format(ImageOps.exif_transpose(img), fmt, has_alpha)

    deadline.check()
    out = io.BytesIO()
    first.save(out, format=fmt, **params)
    deadline.check()
    return out.getvalue()


def clean_image(file: Any) -> CleanImage:
    """Check an uploaded image and return it re-encoded, metadata-free, with a server name.

    ``file`` may be a Django ``UploadedFile``, a ``ContentFile`` or any binary file object.
    Raises ``ValidationError`` (codes: empty, too_big, invalid, too_many_pixels,
    too_many_frames, too_slow, corrupt).
    """
    deadline = _Deadline()
    data = _read_limited(file)
    img = open_image(io.BytesIO(data))
    fmt = _format_of(img)
    try:
        deadline.check()
        encoded = _encode(img, fmt, deadline)
    except _PILLOW_ERRORS:
        raise _error("corrupt") from None
    finally:
        img.close()
    # Read the size back from what we wrote: orientation may have swapped the sides.
    with Image.open(io.BytesIO(encoded)) as result:
        width, height = result.size
    name = f"{uuid.uuid4().hex}{ALLOWED_FORMATS[fmt]}"
    return CleanImage(ContentFile(encoded, name=name), width, height, fmt)


def clean_image_file(file: Any) -> SimpleUploadedFile:
    """:func:`clean_image` as an upload Django can store (name and content type set)."""
    clean = clean_image(file)
    clean.content.seek(0)
    return SimpleUploadedFile(
        clean.content.name, clean.content.read(), content_type=clean.content_type
    )
