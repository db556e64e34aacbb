"""Browser tests: the public pages in a real Chromium, with axe-core and the Nu HTML Checker.

Tools (installed by .ci/run, never downloaded by Playwright):
- Chromium: Debian's ``chromium`` package (``/usr/bin/chromium``), driven by Playwright's
  Python package through ``executable_path``;
- axe-core and vnu-jar: ``npm ci`` (package.json / package-lock.json at the repository root);
- Java 17+ for vnu.jar (Debian's ``default-jre-headless``).

A missing tool skips the tests that need it, with the reason and the command that installs
it. With ``NEWSROOM_BROWSER_TESTS=required`` (set by .ci/run) a missing tool fails instead,
so CI can never pass by skipping.

The demo newsroom (``load_demo``) is loaded once a session (``demo_newsroom``) and served by
a live server thread (see ``live_site``).
"""

import os
import shutil
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.db import connections

from articles.models import Article, Author, Category
from pages.models import Page

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = REPO / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# name: (viewport, phone?)
WIDTHS = {
    "phone": ({"width": 390, "height": 844}, True),
    "desktop": ({"width": 1366, "height": 900}, False),
}

EMPTY_PAGE = "<!DOCTYPE html><html lang=en><title>offline stub</title></html>"

PAGES = [
    "home",
    "section",
    "article",
    "video",
    "gallery",
    "opinion",
    "tag",
    "author",
    "search",
    "search-empty",
    "site-page",
]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test here is a browser test and uses the test database.

    ``django_db`` makes pytest-django create the test database even when only this folder
    runs (the shared demo data is committed by ``live_site``; each test runs in a transaction
    rolled back afterwards, as usual).
    """
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db)


def missing(reason: str) -> None:
    """Skip, or fail when CI requires the browser tests to run for real."""
    if os.environ.get("NEWSROOM_BROWSER_TESTS", "").strip().lower() == "required":
        pytest.fail(f"{reason} [NEWSROOM_BROWSER_TESTS=required]", pytrace=False)
    pytest.skip(reason)


def _npm_hint(what: str) -> str:
    if shutil.which("node") is None or shutil.which("npm") is None:
        return f"{what} not installed: Node.js/npm missing (apt-get install nodejs npm; npm ci)"
    return f"{what} not installed (run npm ci --ignore-scripts in {REPO})"


# -- tools --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    found = shutil.which("chromium")
    if found is None:
        missing("Chromium not installed (apt-get install chromium)")
    return found


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_JS.is_file():
        missing(_npm_hint("axe-core (node_modules/axe-core/axe.min.js)"))
    return AXE_JS


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    java = shutil.which("java")
    if java is None:
        missing(
            "Java not installed; the HTML checker needs it (apt-get install default-jre-headless)"
        )
    if not VNU_JAR.is_file():
        missing(_npm_hint("vnu-jar (node_modules/vnu-jar/build/dist/vnu.jar)"))
    return [java, "-jar", str(VNU_JAR)]


@pytest.fixture(scope="package", autouse=True)
def _orm_next_to_playwright() -> Iterator[None]:
    """Playwright's sync API keeps an event loop running in this thread, so Django would take
    every ORM call the tests make (loading the demo, adding a headline) as a call from async
    code and refuse it. There is no async code here: allow it for this folder only."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def playwright() -> Iterator:
    """Playwright's driver (no browser yet), started before anything touches the database.

    While it runs, this thread has a running event loop, and Django then keeps its database
    connections per asyncio context instead of per thread: a connection opened before would
    not be the one the tests use. ``live_site`` therefore starts after this.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright's Python package not installed (pip install -e '.[test]')")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def browser(playwright, chromium_executable: str) -> Iterator:
    chromium = playwright.chromium.launch(
        executable_path=chromium_executable, args=CHROMIUM_ARGS, headless=True
    )
    yield chromium
    chromium.close()


# -- data and server --------------------------------------------------------------------------


@pytest.fixture(scope="package")
def live_site(playwright, demo_newsroom, django_db_blocker) -> Iterator[str]:
    """The demo newsroom (committed once a session, see ``tests/conftest.py``), served by a
    live server thread: its URL.

    The data is committed before any test's transaction, so the server thread sees it on
    SQLite and PostgreSQL alike. The server is pytest-django's own (``LiveServer``): it
    serves static files through the staticfiles finders and MEDIA_ROOT, so stylesheets,
    scripts and photos load.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():  # the folder's package fixtures read the demo data
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()  # adds the host to ALLOWED_HOSTS
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            connections.close_all()  # this asyncio context's own connections


@pytest.fixture(scope="package")
def newsroom(live_site: str) -> dict[str, str]:
    """The pages under test: page name -> absolute URL."""
    published = Article.objects.published()

    def first(**filters) -> Article:
        article = published.filter(**filters).order_by("-published_at").first()
        assert article is not None, f"the demo newsroom has no published article with {filters}"
        return article

    category = Category.objects.first()
    assert category is not None, "the demo newsroom has no section"
    story = first(kind=Article.Kind.STORY, tags__isnull=False)
    columnist = Author.objects.filter(
        kind=Author.Kind.PERSON, articles__in=published, photo__gt=""
    ).first()
    site_page = Page.objects.public().first()
    assert columnist is not None and site_page is not None, "the demo lacks bylines or pages"
    paths = {
        "home": "/",
        "section": category.get_absolute_url(),
        "article": first(kind=Article.Kind.STORY).get_absolute_url(),
        "video": first(kind=Article.Kind.VIDEO).get_absolute_url(),
        "gallery": first(
            kind=Article.Kind.GALLERY, gallery__photos__isnull=False
        ).get_absolute_url(),
        "opinion": first(kind=Article.Kind.OPINION).get_absolute_url(),
        "tag": story.tags.first().get_absolute_url(),
        "author": columnist.get_absolute_url(),
        "search": "/search/?q=%D8%A7%D9%84%D9%85%D8%A7%D8%A1",  # «الماء»
        "search-empty": "/search/?q=%D8%A5%D8%B2%D8%AE%D8%B1%D9%81%D9%82%D8%B7%D9%84%D9%86%D8%AC",
        "site-page": site_page.get_absolute_url(),
    }
    return {name: live_site + path for name, path in paths.items()}


def fetch(url: str) -> tuple[int, str]:
    """The raw response of the live server (no browser), for the HTML checker."""
    request = urllib.request.Request(url, headers={"Accept-Language": "ar"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status, response.read().decode(response.headers.get_content_charset())


# -- pages --------------------------------------------------------------------------------


@dataclass
class Opened:
    """A page opened in Chromium, with what went wrong in its console."""

    page: object
    status: int | None
    width: str
    errors: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)

    def problems(self) -> str:
        return "\n".join(self.errors) or "none"

    def assert_no_errors(self, ignoring: str | None = None) -> None:
        """Nothing went wrong in the console, the page or its requests, but for errors that
        mention ``ignoring``."""
        errors = [error for error in self.errors if ignoring is None or ignoring not in error]
        assert not errors, f"{self.page.url} ({self.width}) console errors:\n{self.problems()}"


@pytest.fixture
def open_page(browser, live_site) -> Iterator[Callable[..., Opened]]:
    """``open_page(url, "phone" | "desktop", javascript=True)``: a fresh context and page.

    Console errors, uncaught page errors and failed requests are collected in ``errors``.

    Requests to any other origin never leave the machine (the tests run offline and must not
    depend on third parties): a frame (a video embed) gets an empty page, anything else an
    empty response. They are listed in ``external``.
    """
    contexts = []

    def open_(
        url: str, width: str = "desktop", javascript: bool = True, bypass_csp: bool = False
    ) -> Opened:
        viewport, phone = WIDTHS[width]
        context = browser.new_context(
            viewport=viewport,
            is_mobile=phone,
            has_touch=phone,
            locale="ar-MA",
            timezone_id="Africa/Casablanca",
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,  # only to inject axe-core; otherwise CSP errors must show
        )
        contexts.append(context)
        page = context.new_page()
        opened = Opened(page=page, status=None, width=width)

        def route(route) -> None:
            url = route.request.url
            if url.startswith((live_site, "data:", "blob:")):
                route.continue_()
                return
            opened.external.append(url)
            if route.request.resource_type == "document":
                route.fulfill(status=200, content_type="text/html", body=EMPTY_PAGE)
            else:
                route.fulfill(status=204, body="")

        page.route("**/*", route)
        page.on(
            "console",
            lambda message: (
                opened.errors.append(f"console.{message.type}: {message.text} @ {message.location}")
                if message.type in ("error", "assert")
                else None
            ),
        )
        page.on("pageerror", lambda error: opened.errors.append(f"page error: {error}"))
        page.on(
            "requestfailed",
            lambda request: opened.errors.append(
                f"request failed: {request.url} ({request.failure})"
            ),
        )
        response = page.goto(url, wait_until="load")
        opened.status = response.status if response else None
        return opened

    yield open_
    for context in contexts:
        context.close()


def screenshot(opened: Opened, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}-{opened.width}.png"
    opened.page.screenshot(path=str(path), full_page=True)
    return path
