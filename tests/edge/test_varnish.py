"""Varnish in front of the site (deploy/varnish), started the documented way on loopback:
anonymous pages come from Varnish, a publish bans exactly the changed pages, staff and
POSTs pass through, and only the allowed addresses may ban."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from articles import fragments
from articles.models import Article
from tests.services import (  # noqa: F401  (a fixture)
    free_port,
    groups_restored_after_flush,
    require_program,
    wait_for_port,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("groups_restored_after_flush"),
]

START = Path(settings.BASE_DIR) / "deploy" / "varnish" / "start-varnish.sh"


@pytest.fixture
def site():
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(f"127.0.0.1:{free_port(8350, 8399)}")
    server._live_server_modified_settings.enable()
    try:
        yield server
    finally:
        server._live_server_modified_settings.disable()
        server.stop()


@pytest.fixture
def varnish(site, settings):
    require_program("varnishd")
    port = free_port(8300, 8349)
    workdir = tempfile.mkdtemp(prefix="newsroom-varnish-test-")
    backend = site.url.removeprefix("http://")
    env = {
        **os.environ,
        "VARNISH_LISTEN": f"127.0.0.1:{port}",
        "BACKEND": backend,
        "PURGERS": "127.0.0.1",
        "VARNISH_WORKDIR": workdir,
        "VARNISH_MEMORY": "32m",
    }
    process = subprocess.Popen(
        ["bash", str(START)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        wait_for_port(port, process)
        settings.VARNISH_URLS = [f"http://127.0.0.1:{port}"]
        yield port
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        output = process.stdout.read().decode(errors="replace") if process.stdout else ""
        shutil.rmtree(workdir, ignore_errors=True)
        if process.returncode not in (0, -15, 143):
            print(output)


def fetch(port: int, path: str, method: str = "GET", headers=None, source: str = "127.0.0.1"):
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_pages_come_from_varnish_and_a_publish_bans_exactly_its_pages(
    varnish, make_article, author
):
    story = make_article(title="خبر أمام الوكيل", authors=[author])
    make_article(title="الخبر السابق")  # its neighbour: its «next» link changes too
    other = make_article(title="خبر أقدم في قسم آخر")
    other.category = type(story.category).objects.create(name="رياضة", slug="sport", position=2)
    other.save()
    home, page, unrelated = "/", story.get_absolute_url(), other.get_absolute_url()
    for path in (home, page, unrelated):
        status, headers, _ = fetch(varnish, path)
        assert status == 200 and headers["X-Cache"] == "MISS", path
    status, headers, body = fetch(varnish, page)
    assert headers["X-Cache"] == "HIT" and "Age" in headers
    assert "خبر أمام الوكيل" in body.decode()
    # Another cookie than the session's does not split or bypass the cache.
    assert fetch(varnish, page, headers={"Cookie": "_ga=GA1.1.1"})[1]["X-Cache"] == "HIT"

    story.title = "عنوان جديد بعد النشر"
    story.save()  # committed at once (no transaction): the app bans its pages
    for path in (home, page):
        status, headers, body = fetch(varnish, path)
        assert headers["X-Cache"] == "MISS", path
        assert "عنوان جديد بعد النشر" in body.decode(), path
    # A page that does not list the story kept its copy.
    assert fetch(varnish, unrelated)[1]["X-Cache"] == "HIT"


def test_staff_and_posts_pass_through(varnish, make_article, superuser):
    story = make_article(title="خبر للقراء")
    fetch(varnish, story.get_absolute_url())
    assert fetch(varnish, story.get_absolute_url())[1]["X-Cache"] == "HIT"
    # A change no signal saw (no ban): Varnish's copy is out of date (the page parts are
    # rebuilt, as a publish would have them).
    Article.objects.filter(pk=story.pk).update(title="نسخة لا يراها إلا المحرر")
    fragments.bump()
    client = Client()
    client.force_login(superuser)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"Cookie": f"_ga=1; {settings.SESSION_COOKIE_NAME}={session}"}
    status, headers, body = fetch(varnish, story.get_absolute_url(), headers=cookie)
    assert headers["X-Cache"] == "PASS"
    assert "نسخة لا يراها إلا المحرر" in body.decode()
    status, headers, _ = fetch(varnish, "/admin/", headers=cookie)
    assert status == 200 and headers["X-Cache"] == "PASS"
    status, headers, _ = fetch(
        varnish, f"/hit/{story.pk}/", method="POST", headers={"User-Agent": "Mozilla/5.0"}
    )
    assert status == 204 and headers["X-Cache"] == "PASS"


def test_only_allowed_addresses_may_ban(varnish, make_article):
    story = make_article()
    fetch(varnish, story.get_absolute_url())
    ban = {"X-Ban-Url": "^/"}
    assert fetch(varnish, "/", method="BAN", headers=ban, source="127.0.0.2")[0] == 403
    assert fetch(varnish, "/", method="PURGE", source="127.0.0.2")[0] == 403
    assert fetch(varnish, story.get_absolute_url())[1]["X-Cache"] == "HIT"
    assert fetch(varnish, "/", method="BAN", headers=ban)[0] == 200
    assert fetch(varnish, story.get_absolute_url())[1]["X-Cache"] == "MISS"


def test_varnish_keeps_one_copy_per_coding(varnish, make_article):
    story = make_article(body="<p>" + "نص الخبر الطويل. " * 200 + "</p>")
    url = story.get_absolute_url()
    for asked, coding in [("gzip, deflate, br, zstd", "br"), ("gzip, deflate", "gzip"), ("", None)]:
        headers = {"Accept-Encoding": asked} if asked else {}
        first = fetch(varnish, url, headers=headers)
        second = fetch(varnish, url, headers=headers)
        assert second[1]["X-Cache"] == "HIT", asked
        assert second[1].get("Content-Encoding") == coding, asked
        assert second[2] == first[2]


def test_when_the_site_fails_varnish_keeps_serving_the_last_copy(
    varnish, make_article, settings, monkeypatch
):
    from articles import views

    settings.PUBLIC_SHARED_MAX_AGE = 1  # expires at once: only grace can answer
    story = make_article(title="خبر يبقى متاحا")
    url = story.get_absolute_url()
    assert fetch(varnish, url)[0] == 200

    def broken(*args, **kwargs):
        raise RuntimeError("the database is on fire")

    monkeypatch.setattr(views, "render_article", broken)  # every render is now a 500
    time.sleep(2.5)
    for _ in range(3):  # the first triggers a refresh that fails; the copy stays
        status, headers, body = fetch(varnish, url)
        assert status == 200 and "خبر يبقى متاحا" in body.decode()
        assert int(headers["Age"]) >= 2
        time.sleep(0.2)
