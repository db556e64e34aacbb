"""Renditions made by the background worker, not in the journalist's request.

A 12-megapixel photo takes about two seconds to resize into eight renditions, and a gallery
of thirty passed gunicorn's timeout; now the request only stores the checked original and
enqueues :func:`render_image` (after the commit), which calls
:func:`images.renditions.make_renditions` in the worker, retried when it fails (storage
down). Until it has run, :func:`renditions_ready` is false and ``{% picture %}`` shows the
original image instead of renditions that do not exist yet.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db.models import FileField
from django.db.models.fields.files import FieldFile

from background import background_task, enqueue_on_commit

from . import signals
from .renditions import FORMATS, make_renditions, rendition_name, widths_for

READY_PREFIX = "renditions:ready:"
UNKNOWN_SECONDS = 30  # how long "not ready" is believed before storage is asked again

_field = FileField(storage=default_storage)


def stored_file(name: str) -> FieldFile:
    """A field file for a stored name, as the models' image fields give it."""
    _field.storage = default_storage  # the storage in force (settings may change it)
    return FieldFile(None, _field, name)


def _all_exist(fieldfile: FieldFile, width: int) -> bool:
    storage = fieldfile.storage
    return all(
        storage.exists(rendition_name(fieldfile.name, w, fmt))
        for w in widths_for(width)
        for fmt in FORMATS
    )


@background_task()
def render_image(name: str, width: int | None = None) -> list[str]:
    """Write the missing renditions of a stored image; mark it ready when all exist."""
    fieldfile = stored_file(name)
    written = make_renditions(fieldfile, width)
    if width and _all_exist(fieldfile, width):
        cache.set(READY_PREFIX + name, True, None)
        if written:  # pages cached meanwhile show the original: they may show these now
            signals.renditions_ready.send(sender=render_image, name=name)
    return written


def make_renditions_later(fieldfile: FieldFile, width: int | None) -> None:
    """Enqueue the renditions of this image once the current transaction commits."""
    if fieldfile and fieldfile.name:
        enqueue_on_commit(render_image, fieldfile.name, width)


#: Stored names whose renditions exist, as this process has learnt them. Once true it stays
#: true (a stored name is a random one, never reused: ``paths.UploadPath``), so nothing is
#: shared or invalidated: a list page's twenty photos cost no cache read once seen.
_known_ready: set[str] = set()
KNOWN_READY_MAX = 20_000


def renditions_ready(fieldfile: FieldFile | None, width: int | None) -> bool:
    """Whether every rendition of this image exists (cached; storage asked on a miss)."""
    if not fieldfile or not fieldfile.name or not width:
        return False
    if fieldfile.name in _known_ready:
        return True
    key = READY_PREFIX + fieldfile.name
    ready = cache.get(key)
    if ready is None:
        ready = _all_exist(fieldfile, width)
        cache.set(key, ready, None if ready else UNKNOWN_SECONDS)
    if ready:
        if len(_known_ready) >= KNOWN_READY_MAX:
            _known_ready.clear()
        _known_ready.add(fieldfile.name)
    return ready
