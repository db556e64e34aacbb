"""Enqueue (or make, with ``--now``) the renditions that are missing for stored images.

Every model field that stores an image with its width (``ImageField(width_field=…)``:
articles' lead images, gallery photos) is read in batches; an image whose renditions do not
all exist gets a ``render_image`` task. Run it after restoring media, after a worker was
down for long, or after adding a rendition width.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db.models import ImageField

from images.tasks import render_image, renditions_ready, stored_file


class Command(BaseCommand):
    help = "Enqueue the missing renditions of every stored image (--now: make them here)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--now", action="store_true", help="make them in this process")

    def handle(self, *args, now: bool = False, **options) -> None:
        missing = 0
        # One file may stand in several rows (a library photo and the stories using it).
        seen: set[str] = set()
        for model in apps.get_models():
            for field in model._meta.get_fields():
                if not isinstance(field, ImageField) or not field.width_field:
                    continue
                rows = (
                    model._default_manager.exclude(**{field.name: ""})
                    .exclude(**{f"{field.name}__isnull": True})
                    .values_list(field.name, field.width_field)
                    .order_by("pk")
                )
                for name, width in rows.iterator(chunk_size=500):
                    if name in seen:
                        continue
                    seen.add(name)
                    if renditions_ready(stored_file(name), width):
                        continue
                    missing += 1
                    if now:
                        render_image.call(name, width)
                    else:
                        render_image.enqueue(name, width)
        verb = "Made" if now else "Enqueued"
        self.stdout.write(f"{verb} the renditions of {missing} image(s).")
