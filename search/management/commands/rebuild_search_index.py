"""``manage.py rebuild_search_index``: rebuild the search documents of all articles."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import connection

from search.indexing import BATCH_SIZE, process_queue, rebuild_all
from search.models import PendingArticle
from search.triggers import install


class Command(BaseCommand):
    help = (
        "Rebuild the search documents of all articles (after a large import, a change to "
        "the text analysis, or to recover from anything unusual). With --pending, only "
        "index the articles queued by changes that bypassed save()."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help="Articles per transaction."
        )
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Only empty the queue of changed articles (cheap; fit for a cron job).",
        )

    def handle(self, *args, batch_size: int, pending: bool, verbosity: int, **options) -> None:
        install(connection)  # the triggers and indexes, should anything have dropped them
        started = time.monotonic()
        batch_size = max(1, batch_size)
        if pending:
            count = 0
            while PendingArticle.objects.exists():
                done = process_queue(limit=batch_size)
                if not done:
                    break  # an error was logged; do not spin
                count += done
        else:

            def progress(done: int, total: int) -> None:
                if verbosity >= 2 or (verbosity >= 1 and done % 10_000 < batch_size):
                    self.stdout.write(f"{done}/{total} articles indexed")

            count = rebuild_all(batch_size=batch_size, progress=progress)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles in {elapsed:.1f} s."))
