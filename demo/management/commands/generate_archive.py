"""``manage.py generate_archive``: a large archive for benchmarks and query-plan tests.

    DATABASE_URL=postgres://…/newsroom_bench DJANGO_DEBUG=1 \\
        .venv/bin/python manage.py generate_archive --articles 1000000

Reuses an archive of the same size; ``--fresh`` rebuilds it. See ``demo/archive.py``.
"""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.archive import Archive


class Command(BaseCommand):
    help = "Generates a news archive (default: a million articles over ten years)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=int, default=1_000_000)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--fresh", action="store_true", help="Rebuild even if present.")

    def handle(self, *args, articles: int, years: int, seed: int, fresh: bool, **options):
        if articles < 1 or years < 1:
            raise CommandError("--articles and --years must be positive.")
        started = time.monotonic()

        def report(message: str) -> None:
            if options["verbosity"]:
                self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {message}")

        archive = Archive(size=articles, years=years, seed=seed, report=report)
        if archive.generate(fresh=fresh):
            report(f"Archive of {articles:,} articles ready.")
