"""HTTP for caches and slow phones, per kind of response: compression (gzip, brotli),
validators answered with 304, Cache-Control for shared caches, Vary."""

import gzip

import brotli
import pytest
from django.utils.cache import cc_delim_re

from ticker.models import Headline

pytestmark = pytest.mark.django_db


@pytest.fixture
def urls(make_article, author):
    story = make_article(title="خبر للتجربة " * 3, excerpt="ملخص " * 40, authors=[author])
    Headline.objects.create(text="عاجل " * 30, article=story)
    return {
        "html": story.get_absolute_url(),
        "home": "/",
        "feed": "/feed/",
        "section feed": f"{story.category.get_absolute_url()}feed/",
        "sitemap index": "/sitemap.xml",
        "sitemap": "/sitemap-articles.xml",
        "news sitemap": "/news-sitemap.xml",
    }


KINDS = ["html", "home", "feed", "section feed", "sitemap index", "sitemap", "news sitemap"]


def control(response) -> dict[str, str]:
    parts = (d.partition("=") for d in cc_delim_re.split(response["Cache-Control"]))
    return {name.strip(): value for name, _, value in parts}


@pytest.fixture(params=[0, 60], ids=["rendered", "page-cached"])
def page_cache(request, settings):
    settings.PAGE_CACHE_SECONDS = request.param


@pytest.mark.parametrize("kind", KINDS)
def test_text_is_compressed_with_brotli_or_gzip_as_the_client_asks(client, urls, kind, page_cache):
    plain = client.get(urls[kind])
    assert plain.status_code == 200 and "Content-Encoding" not in plain
    zipped = client.get(urls[kind], HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    br = client.get(urls[kind], HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert br["Content-Encoding"] == "br"
    assert brotli.decompress(br.content) == plain.content
    assert len(br.content) < len(plain.content) / 2
    refused = client.get(urls[kind], HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")
    assert "Content-Encoding" not in refused
    vary = {v.strip().lower() for v in br["Vary"].split(",")}
    assert {"accept-encoding", "cookie"} <= vary


def test_the_ticker_json_is_compressed_too(client, urls):
    response = client.get("/ticker.json", HTTP_ACCEPT_ENCODING="br")
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content).startswith(b'{"headlines"')


# Their Last-Modified is the newest item's; a page's is the time its copy was rendered.
DATED_BY_CONTENT = {"feed", "section feed", "sitemap index", "sitemap"}


@pytest.mark.parametrize("kind", KINDS)
def test_validators_are_answered_with_304(client, urls, kind, page_cache, settings):
    first = client.get(urls[kind], HTTP_ACCEPT_ENCODING="gzip")
    assert first["ETag"] and first["Last-Modified"]
    by_etag = client.get(urls[kind], HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304 and by_etag.content == b""
    if settings.PAGE_CACHE_SECONDS or kind in DATED_BY_CONTENT:
        by_date = client.get(
            urls[kind], HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
        )
        assert by_date.status_code == 304
    other = client.get(urls[kind], HTTP_IF_NONE_MATCH='"not-this-one"')
    assert other.status_code == 200 and other.content


@pytest.mark.parametrize("kind", KINDS)
def test_shared_caches_may_keep_and_serve_stale(client, urls, kind):
    directives = control(client.get(urls[kind]))
    assert "public" in directives
    assert int(directives["max-age"]) > 0 and int(directives["s-maxage"]) > 0
    assert int(directives["stale-while-revalidate"]) > 0
    assert int(directives["stale-if-error"]) >= 3600


def test_settings_choose_the_lifetimes(client, urls, settings):
    settings.PUBLIC_SHARED_MAX_AGE = 300
    settings.PUBLIC_STALE_IF_ERROR = 7200
    directives = control(client.get("/"))
    assert directives["s-maxage"] == "300" and directives["stale-if-error"] == "7200"


def test_private_answers_carry_no_public_caching(client, urls, editor):
    client.force_login(editor)
    response = client.get("/admin/", HTTP_ACCEPT_ENCODING="gzip")
    assert "public" not in response.get("Cache-Control", "")
    beacon = client.post("/hit/1/")
    assert "no-store" in beacon["Cache-Control"]


def test_images_are_not_compressed_again(client, settings, tmp_path):
    from django.http import HttpResponse

    from edge.compression import is_compressible

    for content_type in ("image/jpeg", "image/webp", "font/woff2", "video/mp4"):
        assert not is_compressible(HttpResponse(b"x" * 1000, content_type=content_type))
    for content_type in ("text/html; charset=utf-8", "application/rss+xml", "application/json"):
        assert is_compressible(HttpResponse(b"x", content_type=content_type))
