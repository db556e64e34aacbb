"""Benchmark: the editors' article list in the admin with a large archive.

Builds (or reuses) a scratch PostgreSQL database with N articles, then times the admin
change list as an editor sees it: unfiltered, filtered by status and by section, and a
title search. Prints the median and 95th percentile server-side time per view.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench_admin \
        .venv/bin/python scripts/bench_admin.py --articles 100000
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from benchlib import ensure_database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench_admin")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("Use a PostgreSQL DATABASE_URL: this measures the production database.")
    ensure_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    build(args.articles)

    from django.contrib.auth.models import Group, User
    from django.test import Client

    editor, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)

    views = {
        "unfiltered": "/admin/articles/article/",
        "page 50": "/admin/articles/article/?p=50",
        "in review": "/admin/articles/article/?state=review",
        "one section": "/admin/articles/article/?category__id__exact=1",
        "title search": "/admin/articles/article/?q=%D8%A7%D9%84%D9%85%D8%BA%D8%B1%D8%A8",
    }
    print(f"articles: {args.articles}, runs per view: {args.runs}")
    for name, url in views.items():
        client.get(url)  # warm up
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{name:>13}: median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")


def build(total: int) -> None:
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    from articles.models import Article, Category

    existing = Article.objects.count()
    if existing >= total:
        return
    categories = [
        Category.objects.get_or_create(slug=f"s{i}", defaults={"name": f"قسم {i}", "position": i})[
            0
        ]
        for i in range(8)
    ]
    words = [
        "المغرب",
        "الحكومة",
        "الاقتصاد",
        "الرياضة",
        "الثقافة",
        "المدينة",
        "البرلمان",
        "الشباب",
        "المطر",
        "السوق",
    ]
    statuses = ["published"] * 8 + ["draft", "review"]
    now = timezone.now()
    batch = []
    for n in range(existing, total):
        title = " ".join(words[(n * k) % len(words)] for k in (1, 3, 7, 11)) + f" {n}"
        batch.append(
            Article(
                title=title,
                slug=f"bench-{n}",
                category=categories[n % len(categories)],
                status=statuses[n % len(statuses)],
                published_at=now - timedelta(minutes=n),
                body="<p>" + title + "</p>",
            )
        )
        if len(batch) == 5000:
            Article.objects.bulk_create(batch)
            batch = []
    Article.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
