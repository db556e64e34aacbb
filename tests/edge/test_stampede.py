"""No stampede when a hot page goes stale under load: one request renders it again, the
readers arriving meanwhile get the stale copy at once (real concurrent requests against
a live server)."""

from __future__ import annotations

import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from articles import fragments, views
from edge import pagecache
from tests.services import free_port, groups_restored_after_flush  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("groups_restored_after_flush"),
]


@pytest.fixture
def site(settings):
    from pytest_django.live_server_helper import LiveServer

    settings.PAGE_CACHE_SECONDS = 60
    server = LiveServer(f"127.0.0.1:{free_port(8350, 8399)}")
    server._live_server_modified_settings.enable()
    try:
        yield server.url
    finally:
        server._live_server_modified_settings.disable()
        server.stop()


def test_one_request_renders_a_stale_hot_page_and_the_others_get_the_copy(
    site, make_article, monkeypatch
):
    make_article(title="خبر الساعة")
    renders = []
    lock = threading.Lock()
    real = views.section_blocks

    def slow_blocks(categories):
        with lock:
            renders.append(1)
        time.sleep(1.0)  # a heavy page under load
        return real(categories)

    monkeypatch.setattr(views, "section_blocks", slow_blocks)

    def get() -> str:
        with urllib.request.urlopen(f"{site}/", timeout=30) as response:  # noqa: S310
            return response.headers["X-Page-Cache"]

    assert get() == "MISS"
    renders.clear()
    fragments.bump()  # a publish: the page parts are rebuilt too …
    pagecache.invalidate_paths(["/"])  # … and the home page is stale
    with ThreadPoolExecutor(max_workers=10) as pool:
        first = pool.submit(get)
        time.sleep(0.3)  # the first reader is rendering
        others = [pool.submit(get) for _ in range(9)]
        states = [first.result(), *(f.result() for f in others)]
    assert len(renders) == 1
    assert states[0] == "MISS" and set(states[1:]) == {"STALE"}
    assert get() == "HIT"
