"""The Content-Security-Policy headers: strict and nonce-based for readers, CKEditor-able
for the admin, report-only by switch. (Chromium enforcing them: tests/browser.)"""

import re
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


def test_public_pages_have_a_strict_nonce_policy_their_scripts_carry(client, pages):
    for url in pages:
        response = client.get(url)
        policy = directives(response[CSP])
        (nonce_source,) = policy["script-src"]
        nonce = re.fullmatch(r"'nonce-([A-Za-z0-9+/=]{16,})'", nonce_source).group(1)
        assert policy["style-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        markup = _Markup()
        markup.feed(response.content.decode())
        assert markup.scripts, url
        assert all(script.get("nonce") == nonce for script in markup.scripts), url
        assert markup.handlers == [], url  # no inline event handler
        assert markup.styles == [], url  # no inline style either


def test_each_response_has_its_own_nonce(client, pages):
    nonces = {directives(client.get("/")[CSP])["script-src"][0] for _ in range(3)}
    assert len(nonces) == 3


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
    assert policy["script-src"][0].startswith("'nonce-")
    assert policy["report-uri"] == ["/csp-reports/"]
