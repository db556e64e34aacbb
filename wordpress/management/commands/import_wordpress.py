"""``manage.py import_wordpress EXPORT.xml [--media DIR] [--dry-run]``.

Operator output (progress, summary) is in English like Django's own commands; what
editors and readers see (notes on articles, generated titles) is in the site's language.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from wordpress.importer import Importer, Report
from wordpress.wxr import WXRError


class Progress:
    """One line on stderr: phase, counts and an estimate of the time left.

    On a terminal the line is rewritten in place; otherwise (a log file) a line is
    written every ``interval`` seconds at most.
    """

    def __init__(self, stream, interval: float = 10.0) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = 0.5 if self.tty else interval
        self.started: dict[str, float] = {}
        self.finished: set[str] = set()
        self.last = 0.0

    def __call__(self, phase: str, done: int, total: int, report: Report) -> None:
        now = time.monotonic()
        start = self.started.setdefault(phase, now)
        finished = bool(total) and done >= total
        if phase in self.finished or (not finished and now - self.last < self.interval):
            return
        if finished:
            self.finished.add(phase)
        self.last = now
        elapsed = now - start
        share = done / total if total else 1.0
        left = elapsed / share - elapsed if 0 < share < 1 else 0.0
        bar = "#" * int(share * 20) + "." * (20 - int(share * 20))
        if phase == "scan":
            line = f"Checking the file [{bar}] {share:.1%}"
        else:
            line = (
                f"Importing posts [{bar}] {done:,}/{total:,} ({share:.1%}) · "
                f"{report.created:,} new, {report.updated:,} updated, "
                f"{report.unchanged:,} unchanged, {len(report.problems):,} refused"
            )
        if elapsed > 1:
            line += f" · {_duration(elapsed)} elapsed"
            if left:
                line += f", about {_duration(left)} left"
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if finished else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _search_command() -> str | None:
    """The search app's command that indexes queued articles, when the app is installed."""
    return "rebuild_search_index" if "rebuild_search_index" in get_commands() else None


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1/1.2): posts become articles, categories "
        "sections, tags tags, authors bylines, attachments images (read from --media, never "
        "fetched); every old address is kept and answers with a redirect. Safe to run again "
        "and to interrupt: a second run updates what changed and duplicates nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("export", help="The WXR file exported by WordPress.")
        parser.add_argument(
            "--media",
            metavar="DIR",
            help="A local copy of wp-content/uploads (the folder holding YYYY/MM/…).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; write nothing."
        )
        parser.add_argument(
            "--create-logins",
            action="store_true",
            help=(
                "Also give each WordPress author a staff account in the Journalists group, "
                "without a usable password (an administrator sets one). Default: bylines only."
            ),
        )
        parser.add_argument(
            "--batch-size", type=int, default=200, help="Posts per transaction (default 200)."
        )

    def handle(self, *args, export: str, media: str | None, dry_run: bool, **options) -> None:
        path = Path(export)
        if not path.is_file():
            raise CommandError(f"{export}: no such file")
        if media and not Path(media).is_dir():
            raise CommandError(f"--media {media}: no such folder")
        verbosity = options["verbosity"]
        importer = Importer(
            path,
            media_root=media,
            dry_run=dry_run,
            create_logins=options["create_logins"],
            batch_size=options["batch_size"],
            progress=Progress(sys.stderr) if verbosity >= 1 else None,
        )
        started = time.monotonic()
        # Notes and generated titles are read by editors: in the site's language.
        with translation.override(settings.LANGUAGE_CODE):
            try:
                report = importer.run()
            except WXRError as error:
                raise CommandError(f"{export}: {error}. Nothing was imported.") from None
            except KeyboardInterrupt:
                raise CommandError(
                    "Interrupted while checking the file; nothing was written."
                ) from None
        for line in report.lines():
            self.stdout.write(line)
        if not dry_run and (report.created or report.updated):
            self.index_for_search(verbosity)
        elapsed = time.monotonic() - started
        style = self.style.WARNING if report.interrupted else self.style.SUCCESS
        self.stdout.write(style(f"Done in {elapsed:.1f} s."))

    def index_for_search(self, verbosity: int) -> None:
        """Index the imported articles' tags and bylines, queued by the search triggers.

        Articles are indexed when saved; their tags and bylines are linked in bulk, which
        the search app's database triggers queue (see docs/search.md). Processing that
        queue here, in batches, is what the README asks after any bulk import.
        """
        command = _search_command()
        if command is None:
            return
        self.stdout.write("Search index: indexing the imported articles' tags and bylines…")
        # About four queue rows per article (the article, its tags, its byline): 2,000 rows
        # fill the 500-article batches the search indexer works in.
        call_command(
            command, pending=True, batch_size=2000, verbosity=verbosity, stdout=self.stdout
        )
