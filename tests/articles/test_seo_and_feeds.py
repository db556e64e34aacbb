"""Search engines and syndication: meta tags, JSON-LD, RSS, sitemaps, robots.txt."""

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture
def newsroom(make_article, author):
    now = timezone.now()
    return {
        "fresh": make_article(title="خبر اليوم", authors=[author], excerpt="ملخص"),
        "old": make_article(title="خبر قديم", published_at=now - timedelta(days=5)),
        "scheduled": make_article(title="خبر الغد", published_at=now + timedelta(days=1)),
        "draft": make_article(title="مسودة سرية", status="draft", published_at=None),
        "archived": make_article(title="خبر مؤرشف", status="archived"),
    }


HIDDEN = ["خبر الغد", "مسودة سرية", "خبر مؤرشف"]


def test_article_page_has_meta_description_opengraph_twitter_and_jsonld(client, newsroom):
    article = newsroom["fresh"]
    page = client.get(article.get_absolute_url()).text
    assert '<meta name="description" content="ملخص">' in page
    assert '<meta property="og:title" content="خبر اليوم">' in page
    assert '<meta name="twitter:card"' in page
    raw = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "خبر اليوم"
    assert data["articleSection"] == article.category.name
    assert data["author"][0]["name"] == "سلمى بناني"
    assert data["publisher"]["@type"] == "NewsMediaOrganization"  # an Organization subtype
    assert {"datePublished", "dateModified"} <= set(data)


def test_jsonld_and_meta_cannot_be_broken_out_of(client, make_article):
    article = make_article(title="</script><script>alert(1)</script>", excerpt='" onload="x')
    page = client.get(article.get_absolute_url()).text
    assert "</script><script>alert(1)" not in page
    assert 'content="" onload="x' not in page


def rss_titles(response) -> list[str]:
    root = ElementTree.fromstring(response.content)
    return [item.findtext("title") for item in root.iter("item")]


def test_rss_feeds_list_visible_articles_only(client, newsroom, category):
    titles = rss_titles(client.get("/feed/"))
    assert {"خبر اليوم", "خبر قديم"} <= set(titles)
    assert not set(HIDDEN) & set(titles)
    section = rss_titles(client.get(f"/section/{category.slug}/feed/"))
    assert "خبر اليوم" in section and not set(HIDDEN) & set(section)


def sitemap_urls(client) -> list[str]:
    """Every URL listed by the sitemap index's sitemaps, all their pages included."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    urls = []
    for loc in index.iterfind(".//s:sitemap/s:loc", NS):
        page = client.get(loc.text.removeprefix(settings.SITE_URL))
        assert page.status_code == 200
        urls += [u.text for u in ElementTree.fromstring(page.content).iterfind(".//s:loc", NS)]
    return urls


def test_sitemap_lists_visible_articles_and_sections(client, newsroom, category):
    locs = sitemap_urls(client)
    assert any(newsroom["fresh"].get_absolute_url() in loc for loc in locs)
    assert any(category.get_absolute_url() in loc for loc in locs)
    for key in ["scheduled", "draft", "archived"]:
        assert not any(newsroom[key].get_absolute_url() in loc for loc in locs)


def test_news_sitemap_has_the_last_48_hours_only(client, newsroom):
    response = client.get("/news-sitemap.xml")
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    titles = [t.text for t in root.iterfind(".//news:title", NS)]
    assert titles == ["خبر اليوم"]
    assert root.find(".//news:language", NS).text == "ar"


def test_robots_txt_points_to_both_sitemaps(client):
    text = client.get("/robots.txt").text
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text
    assert f"Sitemap: {settings.SITE_URL}/news-sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_the_sitemap_index_pages_through_a_large_archive(client, make_article, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [make_article() for _ in range(5)]
    locs = sitemap_urls(client)
    for article in articles:
        assert any(article.get_absolute_url() in loc for loc in locs)


@pytest.mark.parametrize(
    "title", ["وزير الفلاحة يزور سوس", "Maroc: l'été 2026", "خبر_مع-شرطة 3", "ﷲ ـ ألف"]
)
def test_the_sitemap_gives_each_article_its_page_address_exactly(client, make_article, title):
    article = make_article(title=title)
    expected = settings.SITE_URL + article.get_absolute_url()
    assert expected in sitemap_urls(client)


def test_a_story_leaves_the_news_sitemap_within_a_minute_of_its_48_hours(client, make_article):
    story = make_article(
        title="خبر يغادر الخريطة", published_at=timezone.now() - timedelta(hours=47)
    )
    assert "خبر يغادر الخريطة" in client.get("/news-sitemap.xml").text  # now cached
    with time_machine.travel(timezone.now() + timedelta(hours=1, seconds=61)):
        assert "خبر يغادر الخريطة" not in client.get("/news-sitemap.xml").text
    assert story.is_visible
