"""Deep pages cost what the first ones do: section cursors and sitemap pages by id range."""

import re
import xml.etree.ElementTree as ET

import pytest

from articles import pagination, sitemaps
from articles.models import Article

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(pagination.CappedPaginator, "max_pages", 1)


def older_link(page: str) -> str | None:
    found = re.search(r'<a rel="next" href="(\?before=[^"]+)"', page)
    return found.group(1) if found else None


def test_past_the_numbered_pages_a_section_continues_with_a_cursor(
    client, make_article, category, small_pages
):
    stories = [make_article(title=f"قصة {n}") for n in range(45)]  # newest first
    url = category.get_absolute_url()
    first = client.get(url)
    assert [a.pk for a in first.context["articles"]] == [a.pk for a in stories[:20]]
    assert first.context["paginator"].num_pages == 1
    second = client.get(url + older_link(first.text))
    assert [a.pk for a in second.context["articles"]] == [a.pk for a in stories[20:40]]
    third = client.get(url + older_link(second.text))
    assert [a.pk for a in third.context["articles"]] == [a.pk for a in stories[40:]]
    assert older_link(third.text) is None
    assert 'href="?"' in third.text  # back to the latest


def test_a_cursor_keeps_stories_published_at_the_same_instant(
    client, make_article, category, small_pages
):
    stories = [make_article() for _ in range(30)]
    Article.objects.update(published_at=stories[0].published_at)  # all at one instant
    url = category.get_absolute_url()
    first = client.get(url)
    second = client.get(url + older_link(first.text))
    seen = [a.pk for a in first.context["articles"]] + [a.pk for a in second.context["articles"]]
    assert sorted(seen) == sorted(a.pk for a in stories)


@pytest.mark.parametrize(
    "cursor", ["abc", "1-", "-1", "", "9" * 30 + "-1", "1-" + "9" * 30, "١٢-٣", "1.5-2", "1-2-3"]
)
def test_a_malformed_cursor_is_a_404(client, make_article, category, cursor):
    make_article()
    response = client.get(category.get_absolute_url(), {"before": cursor})
    assert response.status_code == 404


def test_sitemap_pages_are_ranges_of_ids(client, make_article, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 3)
    articles = [make_article() for _ in range(7)]
    draft = make_article(status=Article.Status.DRAFT)
    highest = max(a.pk for a in [*articles, draft])
    first_block = (min(a.pk for a in articles) - 1) // 3  # ids before the oldest story
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    article_pages = [loc for loc in locations if "sitemap-articles" in loc]
    assert len(article_pages) == -(-highest // 3) - first_block
    listed = []
    for page in range(1, len(article_pages) + 1):
        response = client.get("/sitemap-articles.xml", {"p": page})
        assert response.status_code == 200
        urlset = ET.fromstring(response.content)
        listed += [loc.text for loc in urlset.findall("s:url/s:loc", SITEMAP_NS)]
    assert sorted(listed) == sorted(
        "https://news.example.org" + a.get_absolute_url() for a in articles
    )
    assert client.get("/sitemap-articles.xml", {"p": len(article_pages) + 1}).status_code == 404
    assert client.get("/sitemap-articles.xml", {"p": "x"}).status_code == 404
