"""Faults below the site: a stopped database gives an Arabic 503, never a 500 or a
traceback; a stopped Redis leaves the site serving, uncached; both recover by themselves.

The database outage is real: a separate process whose DATABASE_URL names a closed port
(PostgreSQL) or a file it cannot open (SQLite). The Redis outage is a throwaway
``redis-server`` this test starts, stops and starts again (never the machine's shared
services), or, without the binary, a closed port.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection, connections
from django.test import override_settings

from newsroom import cache as resilient
from ticker.models import Headline

ROOT = Path(__file__).resolve().parent.parent

ARABIC_503 = "غير متاح مؤقت"


def free_port() -> int:
    """A port nothing listens on (``NEWSROOM_TEST_PORT`` when set, e.g. your own)."""
    if os.environ.get("NEWSROOM_TEST_PORT"):
        return int(os.environ["NEWSROOM_TEST_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the database stopped ------------------------------------------------------------------

CLIENT_SCRIPT = """
import json, django
django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
out = {}
for url in ["/", "/article/x/", "/search/?q=a", "/ticker.json", "/sitemap.xml", "/feed/",
            "/health/"]:
    r = client.get(url)
    out[url] = {"status": r.status_code, "body": r.content.decode(), "retry": r.get("Retry-After"),
                "cache": r.get("Cache-Control", "")}
r = client.post("/admin/login/", {"username": "a", "password": "b"})
out["POST /admin/login/"] = {"status": r.status_code, "body": r.content.decode(),
                             "retry": r.get("Retry-After"), "cache": r.get("Cache-Control", "")}
print(json.dumps(out))
"""


def run_without_database(database_url: str, tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.pop("REDIS_URL", None)
    env.update(
        # The production settings with the test suite's static storage (no collectstatic).
        DJANGO_SETTINGS_MODULE="tests.settings",
        DJANGO_SECRET_KEY="fault-drill-" + "x" * 40,
        DATABASE_URL=database_url,
        NEWSROOM_VAR_DIR=str(tmp_path),
        DJANGO_LOG_LEVEL="CRITICAL",
    )
    result = subprocess.run(
        [sys.executable, "-c", CLIENT_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "database_url",
    [
        "postgres://newsroom:secret@127.0.0.1:{port}/newsroom",
        "sqlite:////nonexistent-folder/newsroom.sqlite3",
    ],
    ids=["postgresql-closed-port", "sqlite-unreadable"],
)
def test_a_stopped_database_gives_every_page_an_arabic_503(tmp_path, database_url):
    pages = run_without_database(database_url.format(port=free_port()), tmp_path)
    for url, page in pages.items():
        if url == "/health/":
            continue
        assert page["status"] == 503, (url, page["status"])
        assert ARABIC_503 in page["body"], url
        assert "Traceback" not in page["body"] and "secret" not in page["body"]
        assert page["retry"] == "30"
        assert "no-store" in page["cache"] or "no-cache" in page["cache"], url
    assert "قاعدة البيانات" in pages["POST /admin/login/"]["body"]  # the admin says why
    assert "قاعدة البيانات" not in pages["/"]["body"]


def test_the_health_endpoint_reports_the_database_down_without_secrets(tmp_path):
    url = f"postgres://newsroom:secret@127.0.0.1:{free_port()}/newsroom"
    health = run_without_database(url, tmp_path)["/health/"]
    assert health["status"] == 503
    data = json.loads(health["body"])
    assert data == {"status": "unavailable", "database": "unavailable", "cache": "local"}
    assert "127.0.0.1" not in health["body"] and "secret" not in health["body"]


def test_a_management_command_says_one_clear_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="1",
        DATABASE_URL=f"postgres://newsroom:secret@127.0.0.1:{free_port()}/newsroom",
        NEWSROOM_VAR_DIR=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Cannot use the database (postgresql 127.0.0.1:")
    assert "secret" not in lines[0]


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="an in-memory SQLite test database cannot be closed and reopened",
)
def test_the_site_recovers_by_itself_when_the_database_returns(client, committed_article):
    """Stop (point the live connection at a closed port), then start again (point it
    back): readers get the 503 page meanwhile and the page again after, with no restart."""
    article = committed_article(title="خبر بعد العودة")
    client.raise_request_exception = False
    original = dict(connection.settings_dict)
    try:
        connection.close()
        connection.settings_dict["PORT"] = str(free_port())
        assert client.get(article.get_absolute_url()).status_code == 503
        assert client.get("/health/").status_code == 503
    finally:
        connection.settings_dict.update(original)
        connection.close()  # as a failed connection is dropped at the request's end
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get("/health/").json()["database"] == "ok"


# -- Redis stopped ---------------------------------------------------------------------------


class ThrowawayRedis:
    """A ``redis-server`` of our own on a free port, no persistence."""

    def __init__(self, port: int) -> None:
        self.port, self.process = port, None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


def redis_caches(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


@pytest.fixture
def reset_breaker():
    resilient._down_until.clear()
    yield
    resilient._down_until.clear()


def pages_still_serve(client, article) -> None:
    for url in ("/", article.get_absolute_url(), "/ticker.json", "/search/?q=خبر"):
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_a_closed_redis_port_leaves_the_site_serving_uncached(client, make_article, reset_breaker):
    article = make_article(title="خبر والذاكرة معطلة")
    Headline.objects.create(text="عاجل", article=article)
    with override_settings(CACHES=redis_caches(free_port())):
        pages_still_serve(client, article)
        assert caches["default"].get("anything", "miss") == "miss"
        health = client.get("/health/")
        assert health.status_code == 200
        assert health.json() == {"status": "degraded", "database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")
def test_redis_stopped_and_started_again(client, make_article, reset_breaker, monkeypatch):
    article = make_article(title="خبر")
    server = ThrowawayRedis(free_port())
    server.start()
    try:
        with override_settings(CACHES=redis_caches(server.port)):
            cache = caches["default"]
            cache.set("drill", "before")
            assert cache.get("drill") == "before"
            assert client.get("/health/").json()["cache"] == "ok"

            server.stop()
            pages_still_serve(client, article)
            assert cache.get("drill", "miss") == "miss"
            assert client.get("/health/").json()["status"] == "degraded"

            server.start()
            monkeypatch.setattr(resilient, "RETRY_SECONDS", 0)
            resilient._down_until.clear()  # the pause after a failure has passed
            cache.set("drill", "after")
            assert cache.get("drill") == "after"
            assert client.get("/health/").json() == {
                "status": "ok",
                "database": "ok",
                "cache": "ok",
            }
    finally:
        server.stop()
        connections.close_all()


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")
def test_the_redis_cache_makes_one_client_and_threads_share_it_safely(monkeypatch):
    import redis

    made = []
    real_init = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        made.append(self)
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    server = ThrowawayRedis(free_port())
    server.start()
    try:
        with override_settings(CACHES=redis_caches(server.port)):
            cache = caches["default"]

            def round_trip(n: int) -> bool:
                return all(
                    cache.set(f"thread-{n}-{i}", (n, i)) or cache.get(f"thread-{n}-{i}") == (n, i)
                    for i in range(50)
                )

            with ThreadPoolExecutor(8) as pool:
                assert all(pool.map(round_trip, range(8)))
            # Django made a redis.Redis per call (400 sets and 400 gets here).
            assert len(made) == 1
    finally:
        server.stop()


@pytest.mark.django_db
def test_health_is_answered_over_plain_http_behind_an_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "local"}
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
