"""Benchmark: importing a large WordPress export (100,000 posts by default).

Writes a WXR 1.2 export of N Arabic posts (sections with nested categories, tags,
bylines, old slugs, a sticky post, drafts and scheduled posts; no images, whose cost is
the image gate's), then runs ``import_wordpress`` on it twice in a child process and
prints the wall time and peak memory (RSS) of each run: the first imports everything,
the second finds everything unchanged.

The database named by DATABASE_URL is EMPTIED first (``flush``): give a scratch one.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/wp \\
        .venv/bin/python scripts/bench_wordpress.py --posts 100000 --scratch
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://bench.example.ma"

WORDS = [
    "الحكومة",
    "المغرب",
    "الجهة",
    "المدينة",
    "الوزارة",
    "المجلس",
    "مشروع",
    "الاقتصاد",
    "الفلاحة",
    "الأمطار",
    "السوق",
    "الأسعار",
    "المنتخب",
    "الملعب",
    "المباراة",
    "الجمهور",
    "المهرجان",
    "الثقافة",
    "الكتاب",
    "المعرض",
    "الطلبة",
    "الجامعة",
    "الصحة",
    "المستشفى",
    "الطريق",
    "القطار",
    "الميناء",
    "السياحة",
    "الفنادق",
    "الصيف",
    "الشتاء",
    "البحر",
    "الجبل",
    "الماء",
    "الكهرباء",
    "الشباب",
    "التشغيل",
    "المقاولات",
    "الاستثمار",
    "الصادرات",
    "الميزانية",
    "البرلمان",
    "الجماعة",
    "القرية",
]
SECTIONS = ["سياسة", "اقتصاد", "رياضة", "ثقافة", "مجتمع", "جهات", "دولي", "تكنولوجيا"]
CHILDREN = {"اقتصاد": ["فلاحة", "مقاولات"], "رياضة": ["كرة القدم"], "مجتمع": ["تعليم"]}


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def write_export(path: Path, posts: int, seed: int = 7) -> None:
    rng = random.Random(seed)  # noqa: S311  (reproducible test data)
    tags = [f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}" for i in range(400)]
    authors = [(f"author{i}", f"الكاتب {rng.choice(WORDS)} {i}") for i in range(25)]
    categories = [(s, "") for s in SECTIONS] + [
        (child, parent) for parent, kids in CHILDREN.items() for child in kids
    ]
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
            ' xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
            ' xmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
            ' xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            f"<title>جريدة الاختبار</title><link>{SITE}</link>\n"
            f"<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>{SITE}</wp:base_site_url>"
            f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
        )
        for login, name in authors:
            out.write(
                f"<wp:author><wp:author_login>{login}</wp:author_login>"
                f"<wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>\n"
            )
        for term_id, (name, parent) in enumerate(categories, start=2):
            out.write(
                f"<wp:category><wp:term_id>{term_id}</wp:term_id>"
                f"<wp:category_nicename>{quote(name.replace(' ', '-')).lower()}"
                f"</wp:category_nicename><wp:category_parent>"
                f"{quote(parent).lower() if parent else ''}</wp:category_parent>"
                f"<wp:cat_name><![CDATA[{name}]]></wp:cat_name></wp:category>\n"
            )
        for term_id, name in enumerate(tags, start=100):
            out.write(
                f"<wp:tag><wp:term_id>{term_id}</wp:term_id><wp:tag_slug>"
                f"{quote(name.replace(' ', '-')).lower()}</wp:tag_slug>"
                f"<wp:tag_name><![CDATA[{name}]]></wp:tag_name></wp:tag>\n"
            )
        start = 1_420_070_400  # 2015-01-01
        for wp_id in range(1, posts + 1):
            out.write(_item(rng, wp_id, start, posts, tags, authors, categories))
        out.write("</channel>\n</rss>\n")


def _item(rng, wp_id, start, posts, tags, authors, categories) -> str:
    stamp = start + int((wp_id / posts) * 10 * 365 * 86400)
    status = "publish"
    if wp_id % 20 == 0:
        status = "draft"
    elif wp_id == posts:
        status, stamp = "future", 2_000_000_000
    gmt = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(stamp))
    local = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(stamp + 3600))
    title = f"{sentence(rng, 7)} {wp_id}"
    slug = quote(title.replace(" ", "-")).lower()
    paragraphs = "\n\n".join(sentence(rng, 40) for _ in range(6))
    section, parent = rng.choice(categories)
    terms = [(section, parent)]
    terms_xml = "".join(
        f'<category domain="category" nicename="{quote(n.replace(" ", "-")).lower()}">'
        f"<![CDATA[{n}]]></category>"
        for n, _p in terms
    )
    terms_xml += "".join(
        f'<category domain="post_tag" nicename="{quote(t.replace(" ", "-")).lower()}">'
        f"<![CDATA[{t}]]></category>"
        for t in rng.sample(tags, 3)
    )
    date_path = local[:10].replace("-", "/")
    return (
        f"<item><title>{escape(title)}</title>"
        f"<link>{SITE}/{date_path}/{slug}/</link>"
        f"<dc:creator><![CDATA[{rng.choice(authors)[0]}]]></dc:creator>"
        f"<content:encoded><![CDATA[{paragraphs}]]></content:encoded>"
        f"<excerpt:encoded><![CDATA[{sentence(rng, 15)}]]></excerpt:encoded>"
        f"<wp:post_id>{wp_id}</wp:post_id><wp:post_date>{local}</wp:post_date>"
        f"<wp:post_date_gmt>{gmt}</wp:post_date_gmt><wp:post_name>{slug}</wp:post_name>"
        f"<wp:status>{status}</wp:status><wp:post_parent>0</wp:post_parent>"
        f"<wp:menu_order>0</wp:menu_order><wp:post_type>post</wp:post_type>"
        f"<wp:post_password></wp:post_password><wp:is_sticky>{int(wp_id == 1)}</wp:is_sticky>"
        f"{terms_xml}</item>\n"
    )


def timed_import(export: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MiB) and the summary of one import in a child process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(  # noqa: S603
            [sys.executable, str(ROOT / "manage.py"), "import_wordpress", str(export)],
            env=env,
            stdout=out,
            stderr=subprocess.DEVNULL,
        )
        _pid, status, usage = os.wait4(child.pid, 0)  # this child's own peak, in KiB
        elapsed = time.perf_counter() - started
        if status:
            sys.exit(f"import_wordpress failed (status {status})")
        out.seek(0)
        summary = out.read()
    return elapsed, usage.ru_maxrss / 1024, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--export", type=Path, help="Reuse (or keep) the export at this path.")
    parser.add_argument("--scratch", action="store_true", help="Confirm: empty DATABASE_URL.")
    args = parser.parse_args()
    if not args.scratch or "DATABASE_URL" not in os.environ:
        sys.exit("Give a scratch DATABASE_URL and --scratch: its database is emptied first.")

    export = args.export or Path(tempfile.gettempdir()) / f"wordpress-bench-{args.posts}.xml"
    if not export.exists():
        started = time.perf_counter()
        write_export(export, args.posts)
        print(f"wrote {export} ({export.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - started:.0f} s")  # fmt: skip

    if os.environ["DATABASE_URL"].startswith("postgres"):
        from bench_admin import ensure_database  # the same scratch-database guard

        ensure_database(os.environ["DATABASE_URL"])
    # Production settings: debug off (its query log would be measured too).
    env = {
        **os.environ,
        "DJANGO_DEBUG": os.environ.get("DJANGO_DEBUG", "0"),
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-" + "x" * 50),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, check=True)  # noqa: S603
    subprocess.run([*manage, "flush", "--noinput"], env=env, check=True)  # noqa: S603
    subprocess.run([*manage, "migrate", "--verbosity", "0"], env=env, check=True)  # noqa: S603

    print(f"posts: {args.posts}, database: {os.environ['DATABASE_URL'].rsplit('/', 1)[-1]}")
    for label in ("first import", "second run (unchanged)"):
        seconds, peak, summary = timed_import(export, env)
        print(f"{label}: {seconds:.0f} s, peak RSS {peak:.0f} MiB")
        print("  " + summary.splitlines()[0])


if __name__ == "__main__":
    main()
