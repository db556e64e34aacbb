"""Every absolute URL is on the configured public origin, whatever Host a request names.

A client chooses the Host header; with more than one allowed host (or a proxy that passes
it on) a forged one would otherwise reach canonical links, feeds and sitemaps, and through
a shared cache every reader.
"""

import json
import re
from xml.etree import ElementTree

import pytest
from django.conf import settings

from tests.conftest import sample_jpeg

pytestmark = pytest.mark.django_db

FORGED = "evil.example"


@pytest.fixture(autouse=True)
def _two_hosts(settings):
    settings.ALLOWED_HOSTS = ["news.example.org", FORGED, "testserver"]


@pytest.fixture
def story(make_article, author, media):
    return make_article(title="خبر", authors=[author], image=sample_jpeg())


def get(client, url):
    response = client.get(url, HTTP_HOST=FORGED)
    assert response.status_code == 200, url
    return response


def absolute_urls(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", text)


def assert_on_origin(urls: list[str]) -> None:
    ours = [u for u in urls if "sitemaps.org" not in u and "schema.org" not in u]
    ours = [u for u in ours if "purl.org" not in u and "google.com/schemas" not in u]
    assert ours, "no absolute URL found"
    for url in ours:
        assert FORGED not in url
    assert any(url.startswith(settings.SITE_URL) for url in ours)


def test_article_page_canonical_opengraph_and_jsonld(client, story):
    page = get(client, story.get_absolute_url()).text
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page).group(1)
    assert canonical == settings.SITE_URL + story.get_absolute_url()
    for prop in ("og:url", "og:image"):
        value = re.search(rf'<meta property="{prop}" content="([^"]+)"', page).group(1)
        assert value.startswith(settings.SITE_URL + "/"), prop
    raw = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    data = json.loads(raw.group(1))
    assert_on_origin(absolute_urls(json.dumps(data)))


def test_section_page_canonical(client, story):
    page = get(client, story.category.get_absolute_url()).text
    assert f'<link rel="canonical" href="{settings.SITE_URL}/' in page
    assert FORGED not in page


@pytest.mark.parametrize("url", ["/feed/", "/section/politics/feed/"])
def test_feeds(client, story, url):
    body = get(client, url).content.decode()
    assert_on_origin(absolute_urls(body))


def test_sitemap_index_and_pages(client, story):
    index = get(client, "/sitemap.xml").content.decode()
    assert_on_origin(absolute_urls(index))
    for loc in ElementTree.fromstring(index).iter(
        "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    ):
        page = get(client, loc.text.removeprefix(settings.SITE_URL)).content.decode()
        assert_on_origin(absolute_urls(page))


def test_news_sitemap_and_robots(client, story):
    assert_on_origin(absolute_urls(get(client, "/news-sitemap.xml").content.decode()))
    assert_on_origin(absolute_urls(get(client, "/robots.txt").text))


def test_a_signed_preview_link_is_on_the_public_origin(client, editor, make_article):
    draft = make_article(status="draft", published_at=None)
    client.force_login(editor)
    response = client.post(
        f"/admin/articles/article/{draft.pk}/share-preview/", HTTP_HOST=FORGED, follow=True
    )
    message = " ".join(str(m) for m in response.context["messages"])
    links = absolute_urls(message)
    assert links and all(link.startswith(settings.SITE_URL + "/preview/") for link in links)
