"""What search engines and feed readers read: JSON-LD, OpenGraph, feed enclosures, lastmod."""

import json
import re
from datetime import datetime
from xml.etree import ElementTree

import pytest
from django.conf import settings

from articles.models import Article, Author
from images.renditions import make_renditions
from tests.conftest import sample_jpeg

pytestmark = pytest.mark.django_db

SOCIAL = [("facebook", "https://www.facebook.com/akhbar"), ("x", "https://x.com/akhbar")]
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def jsonld(page: str) -> list[dict]:
    """Every JSON-LD object on a page (a script holding a list gives each of its items)."""
    found = []
    for raw in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S):
        data = json.loads(raw)
        found += data if isinstance(data, list) else [data]
    return found


def of_type(page: str, kind: str) -> dict:
    matches = [item for item in jsonld(page) if item.get("@type") == kind]
    assert len(matches) == 1, f"expected one {kind}, found {[i.get('@type') for i in jsonld(page)]}"
    return matches[0]


def meta(page: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', page)
    return match.group(1) if match else None


@pytest.fixture
def photographed(make_article, media):
    def make(**kwargs) -> Article:
        article = make_article(**kwargs)
        article.image.save("lead.jpg", sample_jpeg((1600, 900)), save=False)
        article.save()
        make_renditions(article.image, article.image_width)
        return article

    return make


def test_home_page_describes_the_site_its_search_and_its_organisation(client, settings):
    settings.SOCIAL_LINKS = SOCIAL
    page = client.get("/").text
    site = of_type(page, "WebSite")
    assert site["url"] == f"{settings.SITE_URL}/"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = f"{settings.SITE_URL}/search/?q={{search_term_string}}"
    assert action["target"]["urlTemplate"] == template
    assert action["query-input"] == "required name=search_term_string"

    organisation = of_type(page, "NewsMediaOrganization")
    assert organisation["name"] == settings.SITE_NAME
    assert organisation["logo"]["url"] == f"{settings.SITE_URL}/static/logo.png"
    assert organisation["sameAs"] == [url for _network, url in SOCIAL]
    assert site["publisher"] == {"@id": organisation["@id"]}


def test_home_page_has_canonical_opengraph_and_twitter_tags(client):
    page = client.get("/").text
    assert f'<link rel="canonical" href="{settings.SITE_URL}/">' in page
    assert meta(page, "og:type") == "website"
    assert meta(page, "og:url") == f"{settings.SITE_URL}/"
    assert meta(page, "og:title") == settings.SITE_NAME
    assert meta(page, "og:image").startswith(settings.SITE_URL)
    assert meta(page, "og:image:width") == "512" and meta(page, "og:image:height") == "512"
    assert meta(page, "og:image:alt")
    assert meta(page, "twitter:card") == "summary"
    assert meta(page, "twitter:image:alt")


def test_the_footer_and_sameas_follow_the_social_links_setting(client, settings):
    settings.SOCIAL_LINKS = []
    page = client.get("/").text
    assert "sameAs" not in page
    settings.SOCIAL_LINKS = SOCIAL
    page = client.get("/").text
    assert '<a href="https://x.com/akhbar" rel="me noopener" lang="en" dir="ltr">X</a>' in page


def test_a_video_story_has_its_video_object(client, photographed):
    article = photographed(
        title="فيديو: افتتاح الملعب",
        kind=Article.Kind.VIDEO,
        excerpt="لقطات من الافتتاح",
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
    )
    page = client.get(article.get_absolute_url()).text
    video = of_type(page, "VideoObject")
    assert video["name"] == "فيديو: افتتاح الملعب"
    assert video["description"] == "لقطات من الافتتاح"
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/abcDEF12345"
    assert datetime.fromisoformat(video["uploadDate"]) == article.published_at
    assert video["thumbnailUrl"][0].startswith(settings.SITE_URL)
    assert video["thumbnailUrl"][0].endswith("-1280.jpg")
    assert of_type(page, "NewsArticle")["headline"] == "فيديو: افتتاح الملعب"


def test_a_story_without_a_player_has_no_video_object(client, photographed):
    page = client.get(photographed().get_absolute_url()).text
    assert not [item for item in jsonld(page) if item["@type"] == "VideoObject"]


def test_an_agency_byline_is_an_organisation_and_a_reporter_a_person(client, make_article):
    agency = Author.objects.create(name="وكالة الأنباء", kind=Author.Kind.AGENCY)
    reporter = Author.objects.create(name="سلمى بناني")
    article = make_article(authors=[agency, reporter])
    data = of_type(client.get(article.get_absolute_url()).text, "NewsArticle")
    kinds = {a["name"]: a["@type"] for a in data["author"]}
    assert kinds == {"وكالة الأنباء": "Organization", "سلمى بناني": "Person"}
    assert data["publisher"]["@type"] == "NewsMediaOrganization"
    assert data["publisher"]["logo"]["url"].endswith(".png")


def test_opengraph_gives_the_image_size_and_the_photo_own_description(client, photographed):
    article = photographed(title="عنوان الخبر", image_caption="وزير يلقي كلمة في البرلمان")
    page = client.get(article.get_absolute_url()).text
    assert meta(page, "og:image").endswith("-1280.jpg")
    assert meta(page, "og:image:type") == "image/jpeg"
    assert meta(page, "og:image:width") == "1280"
    assert meta(page, "og:image:height") == "720"
    assert meta(page, "og:image:alt") == "وزير يلقي كلمة في البرلمان"
    assert meta(page, "twitter:image:alt") == "وزير يلقي كلمة في البرلمان"
    assert article.image_alt == "وزير يلقي كلمة في البرلمان"
    # The page's own photo says the same, never the headline.
    assert re.search(r'<img [^>]*alt="وزير يلقي كلمة في البرلمان"', page)
    image = of_type(page, "NewsArticle")["image"][0]
    assert (image["width"], image["height"]) == (1280, 720)


def test_a_photo_without_a_caption_gets_no_invented_alt(client, photographed):
    page = client.get(photographed(title="عنوان آخر").get_absolute_url()).text
    assert meta(page, "og:image:width") == "1280"
    assert meta(page, "og:image:alt") is None
    assert meta(page, "twitter:image:alt") is None


def test_feed_items_carry_the_lead_photo_as_an_enclosure(client, photographed, make_article):
    article = photographed(title="خبر مصور")
    make_article(title="خبر بلا صورة")
    root = ElementTree.fromstring(client.get("/feed/").content)
    items = {item.findtext("title"): item for item in root.iter("item")}
    enclosure = items["خبر مصور"].find("enclosure")
    assert enclosure.get("type") == "image/jpeg"
    url = enclosure.get("url")
    assert url.startswith(settings.SITE_URL) and url.endswith("-640.jpg")
    on_disk = article.image.storage.size(url.split("/media/", 1)[1])
    assert int(enclosure.get("length")) == on_disk > 0
    assert items["خبر بلا صورة"].find("enclosure") is None


FULL_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def test_every_sitemap_gives_the_last_change_to_the_second_with_its_zone(
    client, make_article, category
):
    article = make_article()
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    dates = [e.text for e in index.iterfind(".//s:lastmod", SITEMAP)]
    assert len(dates) == 2 and all(FULL_TIME.match(d) for d in dates), dates
    for loc in index.iterfind(".//s:sitemap/s:loc", SITEMAP):
        root = ElementTree.fromstring(client.get(loc.text.removeprefix(settings.SITE_URL)).content)
        urls = list(root.iterfind("s:url", SITEMAP))
        assert urls
        for url in urls:
            lastmod = url.findtext("s:lastmod", namespaces=SITEMAP)
            assert lastmod and FULL_TIME.match(lastmod), (loc.text, lastmod)
    sections = ElementTree.fromstring(client.get("/sitemap-sections.xml").content)
    lastmod = sections.find(".//s:lastmod", SITEMAP).text
    assert datetime.fromisoformat(lastmod) == article.updated_at.replace(microsecond=0)


def test_the_article_lists_its_photo_in_three_shapes_wide_enough_for_search(
    client, photographed, media
):
    from PIL import Image

    article = photographed(title="صورة بثلاثة أشكال")
    page = client.get(article.get_absolute_url()).text
    images = of_type(page, "NewsArticle")["image"]
    crops = images[1:]
    shapes = sorted(round(i["width"] / i["height"], 2) for i in crops)
    assert shapes == [1.0, 1.33, 1.78]  # 1:1, 4:3 and 16:9
    for crop in crops:
        assert crop["url"].startswith(settings.SITE_URL)
        # The 1600×900 original allows 1,200 px wide in every shape but the square.
        assert crop["width"] >= min(1200, 900 if crop["width"] == crop["height"] else 1200)
        # The file named is the one the renditions made, of the size it claims.
        path = crop["url"].removeprefix(settings.SITE_URL).removeprefix(settings.MEDIA_URL)
        with Image.open(media / path) as made:
            assert made.size == (crop["width"], crop["height"])
