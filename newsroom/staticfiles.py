"""Static file finders that leave out what no page of the site loads.

django-ckeditor ships the whole CKEditor 4 distribution: its samples, manual test pages,
helper HTML pages (spell checker frames, the preview page), README/CHANGES files and build
configuration. Served under /static/, an HTML page of a third-party library runs on the
site's origin, outside our templates and their review. These finders answer neither
``collectstatic`` (what whitenoise serves in production) nor the development and test
servers for such files, so they are never collected and never served. The editor needs
its scripts, styles, language files, icons and skin, which stay.
"""

from pathlib import PurePosixPath

from django.contrib.staticfiles import finders

#: Under these prefixes only what the editor loads is kept.
LIBRARIES = ("ckeditor/",)
#: File types no editor loads: pages and documents.
DROPPED_SUFFIXES = {".html", ".htm", ".php", ".md", ".txt", ".json"}
#: Folders of examples, tests and sources, and parts of django-ckeditor the site does not
#: use (the file browser's gallery and icons, the jQuery adapter, the older skin).
DROPPED_FOLDERS = {"samples", "tests", "_source", "_dev", "galleriffic", "file-icons", "adapters"}
DROPPED_FILES = {"ckeditor/ckeditor/build-config.js"}
DROPPED_PREFIXES = ("ckeditor/ckeditor/skins/moono/",)


def is_served(path: str) -> bool:
    """Whether a static path is one the site may serve."""
    path = path.replace("\\", "/").lstrip("/")
    if not path.startswith(LIBRARIES):
        return True
    parts = PurePosixPath(path)
    if parts.suffix.lower() in DROPPED_SUFFIXES or path in DROPPED_FILES:
        return False
    if path.startswith(DROPPED_PREFIXES):
        return False
    return not DROPPED_FOLDERS.intersection(parts.parts[:-1])


class FileSystemFinder(finders.FileSystemFinder):
    def find_location(self, root, path, prefix=None):
        return super().find_location(root, path, prefix) if is_served(path) else None

    def list(self, ignore_patterns):
        return ((p, s) for p, s in super().list(ignore_patterns) if is_served(p))


class AppDirectoriesFinder(finders.AppDirectoriesFinder):
    def find_in_app(self, app, path):
        return super().find_in_app(app, path) if is_served(path) else None

    def list(self, ignore_patterns):
        return ((p, s) for p, s in super().list(ignore_patterns) if is_served(p))
