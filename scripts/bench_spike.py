"""Benchmark a breaking-news spike: the page cache and Varnish against their ceilings.

    .venv/bin/python scripts/bench_spike.py [--seconds 10] [--connections 32]

In one run, on a scratch copy of the demo newsroom (SQLite in a temporary folder; the
cache is Redis db 3 when ``REDIS_URL`` names one, else each process's local memory), it
starts gunicorn with 2 sync workers (debug off, production settings) and measures with
``wrk``:

1. a bare Django view (``HttpResponse(b"ok")`` through the whole middleware stack): the
   ceiling of Django on this machine;
2. an article page served by Django's page cache (``edge/pagecache.py``); target ≥ 80 %
   of (1);
3. the same page through Varnish (``deploy/varnish/start-varnish.sh``);
4. nginx serving the same bytes from a file (2 worker processes): the ceiling of a web
   server; target for (3) ≥ 50 % of (4).

It prints requests per second, p50 and p99 latency and the ratios, with ``uptime`` before
and after (other work on the machine shares its cores). Needs ``wrk``, ``varnishd`` and
``nginx`` (Debian: wrk, varnish, nginx-light); ports come from 8300–8399.
"""

# ruff: noqa: S603, S607 - runs this machine's wrk, nginx, varnishd and uptime on loopback
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))

from tests.services import free_ports  # noqa: E402

SITE_MODULES = {
    "bench_spike_settings.py": """
        from newsroom.settings import *  # noqa: F403

        ROOT_URLCONF = "bench_spike_urls"
    """,
    "bench_spike_urls.py": """
        from django.http import HttpResponse
        from django.urls import path

        from newsroom.urls import urlpatterns as site


        def bare(request):
            return HttpResponse(b"ok", content_type="text/plain")


        urlpatterns = [path("bench/bare/", bare), *site]
    """,
}

NGINX_CONF = """
worker_processes 2;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {prefix}/www;
        location / {{
            default_type "text/html; charset=utf-8";
            try_files /page.html =404;
        }}
    }}
}}
"""


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{process.args[0]} exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - loopback
                return
        except urllib.error.HTTPError as error:
            raise SystemExit(f"{url} answered {error.code}") from None
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer in {seconds} s")


def wrk(url: str, seconds: int, connections: int) -> dict:
    output = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rps,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    for program in ("wrk", "varnishd", "nginx"):
        if not shutil.which(program) and not Path(f"/usr/sbin/{program}").exists():
            raise SystemExit(f"{program} is not installed")

    scratch = Path(tempfile.mkdtemp(prefix="newsroom-bench-spike-"))
    scratch.chmod(0o755)  # nginx's workers (user nobody) read the page below it
    for name, text in SITE_MODULES.items():
        (scratch / name).write_text(textwrap.dedent(text))
    env = {
        **os.environ,
        "PYTHONPATH": f"{scratch}{os.pathsep}{ROOT}",
        "NEWSROOM_VAR_DIR": str(scratch / "var"),
        "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "NEWSROOM_SITE_URL": "http://127.0.0.1",
        "NEWSROOM_SINGLE_PROCESS": "1",
        "NEWSROOM_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "CACHE_KEY_PREFIX": f"bench-spike-{os.getpid()}",
    }
    env.pop("DATABASE_URL", None)
    env.setdefault("REDIS_URL", "")
    setup = {**env, "DJANGO_DEBUG": "1"}
    manage = [PYTHON, str(ROOT / "manage.py")]
    print("Preparing the demo newsroom in", scratch, flush=True)
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run([*manage, *command], env=setup, check=True, stdout=subprocess.DEVNULL)
    production = {**env, "DJANGO_DEBUG": "0"}  # hashed, compressed static names
    subprocess.run(
        [*manage, "collectstatic", "--noinput"],
        env=production,
        check=True,
        stdout=subprocess.DEVNULL,
    )

    gunicorn_port, varnish_port, nginx_port = free_ports(3)
    site = {**env, "DJANGO_DEBUG": "0", "DJANGO_SETTINGS_MODULE": "bench_spike_settings"}
    processes: list[subprocess.Popen] = []
    try:
        gunicorn = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{gunicorn_port}", "--log-level", "warning"],
            env=site, cwd=ROOT,
        )  # fmt: skip
        processes.append(gunicorn)
        django = f"http://127.0.0.1:{gunicorn_port}"
        wait_for(f"{django}/bench/bare/", gunicorn)
        with urllib.request.urlopen(f"{django}/") as response:  # noqa: S310
            home = response.read().decode()
        article = re.search(r'href="(/article/[^"]+)"', home).group(1)
        with urllib.request.urlopen(f"{django}{article}") as response:  # noqa: S310
            assert response.headers.get("X-Page-Cache") in ("MISS", "HIT")
        with urllib.request.urlopen(f"{django}{article}") as response:  # noqa: S310
            if response.headers.get("X-Page-Cache") != "HIT":
                raise SystemExit("the article page is not served from the page cache")
            page = response.read()

        varnish = subprocess.Popen(
            ["bash", str(ROOT / "deploy" / "varnish" / "start-varnish.sh")],
            env={
                **os.environ,
                "VARNISH_LISTEN": f"127.0.0.1:{varnish_port}",
                "BACKEND": f"127.0.0.1:{gunicorn_port}",
                "VARNISH_WORKDIR": str(scratch / "varnish"),
                "VARNISH_MEMORY": "64m",
            },
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(varnish)
        through_varnish = f"http://127.0.0.1:{varnish_port}{article}"
        wait_for(through_varnish, varnish)

        prefix = scratch / "nginx"
        (prefix / "www").mkdir(parents=True)
        (prefix / "www" / "page.html").write_bytes(page)
        (prefix / "nginx.conf").write_text(NGINX_CONF.format(prefix=prefix, port=nginx_port))
        nginx = subprocess.Popen(
            ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
            stderr=subprocess.DEVNULL,
        )
        processes.append(nginx)
        from_file = f"http://127.0.0.1:{nginx_port}/"
        wait_for(from_file, nginx)

        before = uptime()
        results = {}
        for label, url in [
            ("bare Django view", f"{django}/bench/bare/"),
            ("article, Django page cache", f"{django}{article}"),
            ("article, Varnish", through_varnish),
            ("same bytes, nginx file", from_file),
        ]:
            wrk(url, 2, args.connections)  # warm up
            results[label] = wrk(url, args.seconds, args.connections)
            print(f"  measured {label}", flush=True)
        after = uptime()
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(scratch, ignore_errors=True)

    cache = "Redis" if env.get("REDIS_URL") else "local memory"
    print()
    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')} · {os.cpu_count()} cores · cache: {cache}")
    print(f"page: {article} ({len(page):,} bytes, uncompressed)")
    print(f"wrk: 2 threads, {args.connections} connections, {args.seconds} s per row")
    print(f"uptime before: {before}")
    print(f"uptime after:  {after}")
    print()
    print(f"| {'what':<28} | {'req/s':>9} | {'p50 ms':>7} | {'p99 ms':>7} | errors |")
    print(f"| {'-' * 28} | {'-' * 9}: | {'-' * 7}: | {'-' * 7}: | -----: |")
    for label, r in results.items():
        print(
            f"| {label:<28} | {r['rps']:>9,.0f} | {r['p50']:>7.2f} | {r['p99']:>7.2f} "
            f"| {r['errors']:>6} |"
        )
    bare, cached = results["bare Django view"], results["article, Django page cache"]
    proxied, nginx_row = results["article, Varnish"], results["same bytes, nginx file"]
    print()
    print(f"page cache / bare Django: {cached['rps'] / bare['rps']:.0%} (target ≥ 80 %)")
    print(f"Varnish / nginx:          {proxied['rps'] / nginx_row['rps']:.0%} (target ≥ 50 %)")


if __name__ == "__main__":
    main()
