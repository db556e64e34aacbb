"""What the images room tells the rooms above it, without importing them."""

from django.dispatch import Signal

#: Sent by the worker once every rendition of a stored image exists, with ``name`` (the
#: stored file's name). Pages that showed the original meanwhile may now show renditions:
#: the rooms that cache pages or page parts make theirs stale.
renditions_ready = Signal()
