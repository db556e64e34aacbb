"""Images from a local copy of ``wp-content/uploads``, through the same gate as an upload.

Every imported image becomes a photo library item. Nothing here touches the network: an
attachment's file is looked for under the folder given with ``--media`` only, and must stay
inside it (a ``../`` in the export cannot reach another file). Every file is checked and
re-encoded by the image gate, exactly as an editor's upload is.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import Storage, default_storage

# The image gate and the photo library; the importer's only imports of them.
from images import library
from images.gate import clean_image

UPLOADS_MARKER = "/wp-content/uploads/"
# WordPress.com serves uploads from its files host without the wp-content part:
# https://example.files.wordpress.com/2024/05/photo.jpg
_DATED = re.compile(r"^/(\d{4}/\d{2}/[^/]+)$")
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp"}


def upload_path(attached_file: str, url: str) -> str:
    """Where the file sits in the uploads folder: ``_wp_attached_file``, else from the URL."""
    if attached_file.strip():
        return attached_file.strip().lstrip("/")
    try:
        path = unquote(urlsplit(url.strip()).path) if url else ""
    except ValueError:  # an address that cannot be parsed names no file
        return ""
    if UPLOADS_MARKER in path:
        return path.split(UPLOADS_MARKER, 1)[1]
    if match := _DATED.match(path):
        return match[1]
    return ""


def is_image_name(name: str) -> bool:
    return Path(name).suffix.lower() in IMAGE_EXTENSIONS


@dataclass
class StoredImage:
    name: str
    width: int
    height: int
    sha256: str


class MediaFolder:
    """The uploads folder given with ``--media`` (or none) and where checked copies go."""

    def __init__(self, root: str | Path | None, *, storage: Storage | None = None, dry_run=False):
        self.root = Path(root).resolve() if root else None
        self.storage = storage or default_storage
        self.dry_run = dry_run

    def locate(self, relative: str) -> Path | None:
        """The file for an uploads path, if it exists inside the folder."""
        if self.root is None or not relative:
            return None
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    @staticmethod
    def digest(path: Path) -> str:
        sha = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1024 * 1024), b""):
                sha.update(chunk)
        return sha.hexdigest()

    def store(
        self, path: Path, relative: str, sha256: str, *, caption: str = "", alt_text: str = ""
    ) -> StoredImage:
        """Check and re-encode the file, then store it as a photo library item (with the
        attachment's caption and title); raises ``ValidationError``."""
        with path.open("rb") as fh:
            clean = clean_image(File(fh, name=path.name))
        year_month = "/".join(relative.split("/")[:2]) if _DATED.match("/" + relative) else ""
        name = f"articles/{year_month or 'wordpress'}/{clean.content.name}"
        if not self.dry_run:
            name = self.storage.save(name, clean.content)
            library.register(name, clean.width, clean.height, caption=caption, alt_text=alt_text)
        return StoredImage(name=name, width=clean.width, height=clean.height, sha256=sha256)


__all__ = ["MediaFolder", "StoredImage", "ValidationError", "is_image_name", "upload_path"]
