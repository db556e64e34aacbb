"""The Content-Security-Policy headers: strict for readers (scripts from this site only,
no nonce, so a cached page is safe to share), CKEditor-able for the admin, report-only by
switch. (Chromium enforcing them: tests/browser.)"""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"
CSP_RO = "Content-Security-Policy-Report-Only"


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []
        self.styles: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "style":
            self.styles.append(tag)
        for name in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name == "style":
                self.styles.append(f"{tag}[style]")


@pytest.fixture
def pages(make_article, author):
    article = make_article(authors=[author], tags=["وسم"], excerpt="ملخص")
    return [
        "/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        article.tags.get().get_absolute_url(),
        author.get_absolute_url(),
        "/search/?q=خبر",
        "/article/does-not-exist/",  # the 404 page
    ]


def test_public_pages_run_only_script_files_from_this_site(client, pages):
    for url in pages:
        response = client.get(url)
        policy = directives(response[CSP])
        assert policy["script-src"] == ["'self'"], url  # no inline script, no other host
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        markup = _Markup()
        markup.feed(response.content.decode())
        assert markup.scripts, url
        for script in markup.scripts:
            # Every script that runs is a file of this site; an inline one would be blocked
            # (JSON-LD is data, never run).
            executable = script.get("type") in (None, "", "module", "text/javascript")
            assert not executable or script.get("src", "").startswith("/static/"), (url, script)
        assert markup.handlers == [], url  # no inline event handler
        assert markup.styles == [], url  # no inline style either


def test_public_pages_carry_no_nonce_a_cache_would_share(client, pages, settings):
    settings.PAGE_CACHE_SECONDS = 60
    first, second = client.get("/"), client.get("/")
    assert second["X-Page-Cache"] == "HIT"
    for response in (first, second):
        assert "nonce" not in response[CSP]
        assert b"nonce=" not in response.content


def test_frames_only_from_the_allowed_video_players_and_no_other_host(client, pages):
    policy = directives(client.get(pages[1])[CSP])
    assert set(policy["frame-src"]) == {
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://youtube.com",
        "https://player.vimeo.com",
        "https://www.dailymotion.com",
        "https://geo.dailymotion.com",
    }
    for name, sources in policy.items():
        if name == "frame-src":
            continue
        hosts = [s for s in sources if s.startswith("http")]
        assert all(h.startswith("https://news.example.org") for h in hosts), (name, hosts)


def test_uploads_on_a_media_host_are_allowed_as_images(client, pages, settings):
    settings.MEDIA_URL = "https://media.example.org/uploads/"
    policy = directives(client.get("/")[CSP])
    assert "https://media.example.org" in policy["img-src"]


def test_the_admin_policy_lets_ckeditor_run_from_this_site_only(client, superuser):
    client.force_login(superuser)
    for url in ["/admin/", "/admin/articles/article/add/", "/admin/login/"]:
        policy = directives(client.get(url)[CSP])
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"], url
        assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
        assert "form-action" in policy and policy["form-action"] == ["'self'"]


def test_report_only_by_switch(client, pages, settings):
    settings.NEWSROOM_CSP_REPORT_ONLY = True
    settings.NEWSROOM_CSP_REPORT_URI = "/csp-reports/"
    response = client.get("/")
    assert CSP not in response
    policy = directives(response[CSP_RO])
    assert policy["script-src"] == ["'self'"]
    assert policy["report-uri"] == ["/csp-reports/"]
