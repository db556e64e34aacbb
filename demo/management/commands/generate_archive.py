"""``manage.py generate_archive``: a large archive for benchmarks and query-plan tests.

    DATABASE_URL=postgres://…/newsroom_bench DJANGO_DEBUG=1 \\
        .venv/bin/python manage.py generate_archive --articles 1000000

Reuses an archive of the same size; ``--fresh`` rebuilds it. See ``demo/archive.py``.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.archive import Archive


class Command(BaseCommand):
    help = "Generates a news archive (default: a million articles, ten years of news)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=int, default=1_000_000)
        parser.add_argument(
            "--days",
            type=float,
            help="Span of publication times (default: the size at 274 articles a day).",
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--fresh", action="store_true", help="Rebuild even if present.")

    def handle(self, *args, articles: int, days, seed: int, fresh: bool, **options):
        if articles < 1 or (days is not None and not 0 < days <= 36_500):
            raise CommandError("--articles must be positive, --days from 0 to 36,500.")
        started = time.monotonic()

        def report(message: str) -> None:
            if options["verbosity"]:
                self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {message}")

        archive = Archive(size=articles, days=days, seed=seed, report=report)
        if archive.generate(fresh=fresh):
            report(f"Archive of {articles:,} articles ready.")
