"""Benchmark: the public site and the admin list, served as in production, on loopback.

Builds (or reuses) a generated archive on PostgreSQL (``manage.py generate_archive``),
starts gunicorn (2 sync workers, DEBUG off, Redis cache) and drives ``wrk`` at each page
of ``PAGES``, then at a bare Django view and at nginx serving the same bytes from a file
(the article page's HTML), in the same run. For each it prints requests per second,
p50 and p99 latency, the p50 of requests made one at a time (``alone``: what a single
reader or editor waits, with no queue), the server's CPU per request (the workers' own
user + system time from /proc, divided by the requests wrk completed) and the queries per
request (one warm request counted in this process against the same database and cache).
The page cache is off (``NEWSROOM_PAGE_CACHE_SECONDS=0``): this measures rendering;
``scripts/bench_spike.py`` measures the cached site.

    .venv/bin/python scripts/bench_site.py --articles 1000000          # scale_bench
    .venv/bin/python scripts/bench_site.py --articles 1000 --json var/bench-1k.json
    .venv/bin/python scripts/bench_site.py --demo --json var/bench-demo.json  # load_demo
    .venv/bin/python scripts/bench_site.py --show var/bench-1k.json     # print again
    .venv/bin/python scripts/bench_site.py --compare var/bench-1k.json var/bench-1m.json

Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/scale_bench for
1,000,000 articles, …/scale_bench_<n> otherwise, …/scale_bench_demo with ``--demo``),
REDIS_URL (default db 2), BENCH_PORT (first of three ports, default 8200). Speed targets
live in the report this prints, never in tests.
"""

# The commands run here (manage.py, gunicorn, wrk, nginx, uptime) are built from this
# script's own constants and the archive's URLs.
# ruff: noqa: S603, S607

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from benchlib import ensure_database

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ALONE_SECONDS = 3

# -- the pages ------------------------------------------------------------------------------
# One place: (name, function returning the path) in table order. A path starting with
# "admin:" is requested with an editor's session. Add a row here to measure a new page.


def _pages() -> list[tuple[str, Callable[[], str]]]:
    from articles.models import Article, Author, Category, Tag
    from articles.pagination import make_cursor

    published = Article.objects.published()
    section = Category.objects.order_by("position").first()  # the largest section
    stories = published.filter(kind="story").exclude(tags=None).order_by("-published_at")
    # The 51st newest story (the demo newsroom's oldest, where it has fewer).
    chosen = list(stories.values_list("pk", flat=True)[:51])[-1]

    def story() -> Article:
        return Article.objects.get(pk=chosen)

    def deep() -> str:
        # The story at the top of page 5,000 (20 a page), reached by its cursor; smaller
        # archives go as deep as they are while still filling a page.
        count = max(min(published.filter(category=section).count() - 21, 99_980), 0)
        row = published.filter(category=section).order_by("-published_at", "-id")[count]
        return section.get_absolute_url() + "?before=" + make_cursor(row.published_at, row.pk)

    def day() -> str:
        return f"/archive/{story().published_at:%Y/%m/%d}/"

    def title_word() -> str:
        return quote(story().title.split()[0])

    return [
        ("home", lambda: "/"),
        ("article", lambda: story().get_absolute_url()),
        ("section", lambda: section.get_absolute_url()),
        ("section deep", deep),
        (
            "tag",
            lambda: (
                Tag.objects.filter(tagged_articles__content_object=story())
                .first()
                .get_absolute_url()
            ),
        ),
        ("author", lambda: Author.objects.filter(articles=story()).first().get_absolute_url()),
        ("day archive", day),
        ("month archive", lambda: day().rsplit("/", 2)[0] + "/"),
        ("feed", lambda: "/feed/"),
        ("section feed", lambda: section.get_absolute_url() + "feed/"),
        ("sitemap index", lambda: "/sitemap.xml"),
        ("sitemap page", lambda: "/sitemap-articles.xml?p=1"),
        ("news sitemap", lambda: "/news-sitemap.xml"),
        ("search", lambda: f"/search/?q={title_word()}"),
        ("ticker.json", lambda: "/ticker.json"),
        ("admin list", lambda: "admin:/admin/articles/article/"),
        ("admin by status", lambda: "admin:/admin/articles/article/?state=review"),
        (
            "admin by section",
            lambda: f"admin:/admin/articles/article/?category__id__exact={section.pk}",
        ),
        ("admin title search", lambda: f"admin:/admin/articles/article/?q={title_word()}"),
    ]


# -- running -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument(
        "--demo", action="store_true", help="measure the demo newsroom (load_demo) instead"
    )
    parser.add_argument("--seconds", type=int, default=8, help="wrk duration per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--show", help="print the table of a saved JSON file and stop")
    parser.add_argument("--compare", nargs=2, metavar=("SMALL", "LARGE"))
    parser.add_argument("--only", help="comma-separated page names")
    args = parser.parse_args()
    if args.show:
        print_table(json.loads(Path(args.show).read_text()))
        return
    if args.compare:
        compare(*(json.loads(Path(p).read_text()) for p in args.compare))
        return

    default_db = "scale_bench" if args.articles == 1_000_000 else f"scale_bench_{args.articles}"
    if args.demo:
        default_db = "scale_bench_demo"
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{default_db}"
        ),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/2"),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",  # testserver: the query counts
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "NEWSROOM_SITE_URL": "https://news.example.org",
        "CACHE_KEY_PREFIX": "bench",
        # Rendering is what this measures: the page cache would answer every public page
        # after the first request (scripts/bench_spike.py measures that). Fragments stay.
        "NEWSROOM_PAGE_CACHE_SECONDS": "0",
    }
    port = int(os.environ.get("BENCH_PORT", "8200"))
    if not env["DATABASE_URL"].startswith("postgres"):
        sys.exit("Use a PostgreSQL DATABASE_URL: this measures the production set-up.")
    ensure_database(env["DATABASE_URL"])
    prepare(env, None if args.demo else args.articles)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    pages = [(name, build()) for name, build in _pages()]
    if args.only:
        wanted = set(args.only.split(","))
        pages = [p for p in pages if p[0] in wanted]
    cookie = editor_cookie()
    flush_cache(env["REDIS_URL"])

    results = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "articles": args.articles,
        "dataset": "the demo newsroom" if args.demo else f"{args.articles:,} articles",
        "uptime_before": uptime(),
        "wrk": f"wrk -t2 -c{args.connections} -d{args.seconds}s --latency",
        "rows": [],
    }
    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    work.chmod(0o755)  # nginx's workers (nobody) read the page from here
    (work / "logs").mkdir()
    app = Server("gunicorn", gunicorn(env, "newsroom.wsgi:application", port), port)
    bare = nginx = None
    try:
        app.start()
        for name, path in pages:
            admin = path.startswith("admin:")
            path = path.removeprefix("admin:")
            headers = {"Cookie": cookie} if admin else {}
            queries = count_queries(path, admin)
            row = measure(app, path, args, headers)
            results["rows"].append({"page": name, "path": path, "queries": queries, **row})
            print_row(results["rows"][-1])
        # The same bytes as the article page, from a bare Django view and from nginx.
        article = next(r["path"] for r in results["rows"] if r["page"] == "article")
        body = fetch(port, article)
        (work / "page.html").write_bytes(body)
        bare_env = {**env, "BENCH_BODY": str(work / "page.html")}
        bare = Server("bare", gunicorn(bare_env, "bench_bare:application", port + 1), port + 1)
        bare.start()
        row = measure(bare, "/", args, {})
        results["rows"].append({"page": "bare Django view", "path": "/", "queries": 0, **row})
        print_row(results["rows"][-1])
        bare.stop()
        nginx = Server("nginx", nginx_command(work, port + 2), port + 2)
        nginx.start()
        row = measure(nginx, "/page.html", args, {})
        results["rows"].append({"page": "nginx, same bytes", "path": "/", "queries": 0, **row})
        print_row(results["rows"][-1])
    finally:
        for server in (app, bare, nginx):
            if server:
                server.stop()
        shutil.rmtree(work, ignore_errors=True)
    results["uptime_after"] = uptime()
    results["bytes"] = {"article page": len(body)}
    print()
    print_table(results)
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False))
        print(f"\nSaved {args.json}")


def prepare(env: dict, articles: int | None) -> None:
    """Migrations, static files and the archive (reused when it is already there), or the
    demo newsroom (``articles`` None), its photos' renditions made as it loads."""
    debug_env = {**env, "DJANGO_DEBUG": "1"}  # the archive generator is a demo command
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=debug_env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
    if articles is None:
        immediate = "django_tasks.backends.immediate.ImmediateBackend"
        subprocess.run(
            [*manage, "load_demo"],
            env={**debug_env, "NEWSROOM_TASK_BACKEND": immediate},
            check=True,
        )
        return
    subprocess.run(
        [*manage, "generate_archive", "--articles", str(articles)], env=debug_env, check=True
    )


def flush_cache(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()  # this benchmark's own database number


def editor_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from django.test import Client

    editor, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def count_queries(path: str, admin: bool) -> int:
    """Queries of one warm request, counted in this process (same database and cache)."""
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    if admin:
        client.force_login(User.objects.get(username="bench-editor"))
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return len(queries)


def gunicorn(env: dict, app: str, port: int) -> tuple[list[str], dict]:
    command = [
        str(Path(PYTHON).with_name("gunicorn")),
        "--workers", "2",
        "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}",
        "--chdir", str(ROOT if app.startswith("newsroom") else ROOT / "scripts"),
        "--log-level", "warning",
        app,
    ]  # fmt: skip
    return command, env


def nginx_command(work: Path, port: int) -> tuple[list[str], dict]:
    conf = work / "nginx.conf"
    conf.write_text(
        f"""
worker_processes 2;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    types {{ text/html html; }}
    server {{
        listen 127.0.0.1:{port};
        root {work};
    }}
}}
"""
    )
    return ["nginx", "-p", str(work), "-c", str(conf)], dict(os.environ)


class Server:
    def __init__(self, name: str, spec: tuple[list[str], dict], port: int) -> None:
        self.name, (self.command, self.env), self.port = name, spec, port
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, env=self.env, start_new_session=True)
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit(f"{self.name} did not start on port {self.port}")

    def workers(self) -> list[int]:
        """The master's children: gunicorn's or nginx's workers."""
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(c) for c in children] or [pid]

    def cpu_seconds(self) -> float:
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / CLOCK_TICKS

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def fetch(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}") as response:
        return response.read()


def wrk(
    port: int, path: str, seconds: int, connections: int, headers: dict, threads: int = 2
) -> str:
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def measure(server: Server, path: str, args, headers: dict) -> dict:
    wrk(server.port, path, 2, args.connections, headers)  # warm-up: caches, connections
    cpu = server.cpu_seconds()
    out = wrk(server.port, path, args.seconds, args.connections, headers)
    cpu = server.cpu_seconds() - cpu
    # One request at a time: what a single reader or editor waits, with no queue.
    alone = wrk(server.port, path, ALONE_SECONDS, 1, headers, threads=1)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)  # wrk gives up on a request after 2 s
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.MULTILINE))
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": to_ms(latency["50"]),
        "p99_ms": to_ms(latency["99"]),
        "cpu_ms": cpu * 1000 / max(requests, 1),
        "alone_p50_ms": to_ms(re.search(r"^\s+50%\s+([\d.]+\w+)", alone, re.MULTILINE).group(1)),
        "requests": requests,
        "errors": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    return f"{os.cpu_count()} cores ({cpu}), {memory} GB, {platform.system()} {platform.release()}"


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


# -- printing ------------------------------------------------------------------------------


def print_row(row: dict) -> None:
    print(
        f"{row['page']:<20} {row['rps']:>8.1f} req/s  p50 {row['p50_ms']:>7.2f} ms  "
        f"p99 {row['p99_ms']:>7.2f} ms  alone {row.get('alone_p50_ms', 0):>7.2f} ms  "
        f"CPU {row['cpu_ms']:>6.2f} ms  "
        f"{row['queries']} queries"
        + (f"  ({row['errors']} errors)" if row["errors"] else "")
        + (f"  ({row['timeouts']} timed out)" if row.get("timeouts") else ""),
        flush=True,
    )


def dataset(results: dict) -> str:
    return results.get("dataset") or f"{results['articles']:,} articles"


def print_table(results: dict) -> None:
    rows = results["rows"]
    bare = next((r for r in rows if r["page"] == "bare Django view"), None)
    static = next((r for r in rows if r["page"] == "nginx, same bytes"), None)
    print(f"{dataset(results)}, {results['date']}, {results['machine']}")
    print(f"{results['wrk']}; uptime before: {results['uptime_before']}")
    print()
    print(
        "| page | req/s | p50 ms | p99 ms | alone p50 ms | server CPU ms/req | queries/req "
        "| CPU × bare Django | req/s ÷ nginx |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        vs_bare = f"{row['cpu_ms'] / bare['cpu_ms']:.1f}" if bare and bare["cpu_ms"] else ""
        vs_nginx = f"{row['rps'] / static['rps']:.3f}" if static else ""
        print(
            f"| {row['page']} | {row['rps']:,.0f} | {row['p50_ms']:.2f} | {row['p99_ms']:.2f} "
            f"| {row.get('alone_p50_ms', 0):.2f} | {row['cpu_ms']:.2f} | {row['queries']} "
            f"| {vs_bare} | {vs_nginx} |"
        )


def compare(small: dict, large: dict) -> None:
    """p50 (under load and alone) and CPU of each page at the large archive over the small
    one (target ≤ 1.5)."""
    print(f"{dataset(large)} ÷ {dataset(small)}")
    print(
        "| page | p50 small | p50 large | p50 ratio | alone small | alone large | alone ratio "
        "| CPU small | CPU large | CPU ratio |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    before = {r["page"]: r for r in small["rows"]}
    for row in large["rows"]:
        old = before.get(row["page"])
        if not old:
            continue
        alone_old, alone_new = old.get("alone_p50_ms", 0), row.get("alone_p50_ms", 0)
        print(
            f"| {row['page']} | {old['p50_ms']:.2f} | {row['p50_ms']:.2f} "
            f"| {row['p50_ms'] / old['p50_ms']:.2f} | {alone_old:.2f} | {alone_new:.2f} "
            f"| {alone_new / alone_old if alone_old else 0:.2f} "
            f"| {old['cpu_ms']:.2f} | {row['cpu_ms']:.2f} | {row['cpu_ms'] / old['cpu_ms']:.2f} |"
        )


if __name__ == "__main__":
    main()
