"""The public pages as a reader sees them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from articles.models import Article, Category, Gallery
from desk import previews
from tests.conftest import sample_jpeg
from ticker.models import Headline

pytestmark = pytest.mark.django_db

CASABLANCA = ZoneInfo("Africa/Casablanca")


def test_every_page_is_arabic_rtl_with_skip_link_menu_search_and_ticker(client, make_article):
    article = make_article()
    Headline.objects.create(text="خبر عاجل على الشريط")
    for url in ["/", article.get_absolute_url(), article.category.get_absolute_url()]:
        page = client.get(url).text
        assert '<html lang="ar" dir="rtl">' in page
        assert 'href="#main"' in page and 'id="main"' in page
        assert 'action="/search/"' in page
        assert article.category.name in page
        assert "خبر عاجل على الشريط" in page


def test_no_page_loads_anything_from_another_host(client, make_article):
    article = make_article()
    for url in ["/", article.get_absolute_url()]:
        page = client.get(url).text
        for attribute in ('src="http', "src='http", 'href="https://fonts', '<script src="//'):
            assert attribute not in page, (url, attribute)


def test_home_has_lead_latest_sections_video_gallery_and_most_read(client, make_article):
    other = Category.objects.create(name="رياضة", slug="sports", position=2)
    lead = make_article(title="الخبر الرئيسي", image=sample_jpeg())
    make_article(title="خبر رياضي", category=other)
    make_article(title="شريط مصور", kind=Article.Kind.VIDEO)
    make_article(title="ألبوم مصور", kind=Article.Kind.GALLERY)
    response = client.get("/")
    assert response.context["lead"] == lead
    page = response.text
    for text in ["الخبر الرئيسي", "آخر الأخبار", "رياضة", "خبر رياضي", "شريط مصور", "ألبوم مصور",
                 "الأكثر قراءة"]:  # fmt: skip
        assert text in page
    assert [c.slug for c, _ in response.context["blocks"]] == ["politics", "sports"]


def test_article_page_shows_everything_a_reader_expects(client, make_article, author):
    published = datetime(2025, 11, 24, 10, 45, tzinfo=CASABLANCA)
    article = make_article(
        title="افتتاح خط جديد للترامواي",
        excerpt="مقتطف الخبر",
        authors=[author],
        tags=["النقل"],
        published_at=published,
        image_caption="محطة الترامواي",
        image_credit="وكالة",
    )
    response = client.get(article.get_absolute_url())
    page = response.text
    assert "الإثنين 24 نونبر 2025 - 10:45" in page
    assert f'href="{author.get_absolute_url()}"' in page
    assert "مقتطف الخبر" in page
    assert "النقل" in page
    assert 'rel="canonical"' in page
    assert "wa.me" in page and "t.me/share" in page and "facebook.com/sharer" in page
    assert '<script src="https://' not in page  # share links, no third-party scripts


def test_video_and_gallery_labels_and_players(client, make_article, settings, tmp_path):
    video = make_article(kind="video", video_url="https://www.youtube.com/watch?v=abcDEF12345")
    page = client.get(video.get_absolute_url()).text
    assert "فيديو" in page
    # The privacy-enhanced player, loaded only when the reader asks: no request before.
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/abcDEF12345"' in page
    assert "<iframe" not in page

    gallery = Gallery.objects.create(title="ألبوم")
    gallery.photos.create(image=sample_jpeg(), caption="الصورة الأولى", credit="مصور", position=1)
    gallery.photos.create(image=sample_jpeg(), caption="الصورة الثانية", position=2)
    album = make_article(kind="gallery", gallery=gallery)
    page = client.get(album.get_absolute_url()).text
    assert "بالصور" in page
    assert "data-gallery" in page
    assert page.index("الصورة الأولى") < page.index("الصورة الثانية")


def test_read_previous_and_next_follow_publication_order(client, make_article):
    now = timezone.now()
    older = make_article(title="الأقدم", published_at=now - timedelta(hours=3))
    middle = make_article(title="الأوسط", published_at=now - timedelta(hours=2))
    newer = make_article(title="الأحدث", published_at=now - timedelta(hours=1))
    make_article(title="مسودة", status="draft", published_at=None)
    response = client.get(middle.get_absolute_url())
    assert response.context["previous_article"] == older
    assert response.context["next_article"] == newer
    assert "المقال السابق" in response.text and "المقال التالي" in response.text
    last = client.get(newer.get_absolute_url())
    assert not last.context["next_article"]  # (computed lazily: a proxy of None)
    assert 'rel="next"' not in last.text and 'rel="prev"' in last.text


def test_related_articles_prefer_shared_tags(client, make_article):
    article = make_article(tags=["الانتخابات"])
    related = make_article(tags=["الانتخابات"])
    make_article(tags=["الطقس"])
    response = client.get(article.get_absolute_url())
    assert response.context["related_articles"][0] == related


def test_section_pages_are_paginated_with_their_own_feed(client, make_article, category):
    for _ in range(25):
        make_article()
    response = client.get(category.get_absolute_url())
    assert len(response.context["articles"]) == 20
    assert f'href="/section/{category.slug}/feed/"' in response.text
    assert client.get(category.get_absolute_url() + "?page=2").status_code == 200
    assert client.get(category.get_absolute_url() + "?page=99").status_code == 404


def test_tag_author_and_date_archive_pages(client, make_article, author):
    when = datetime(2026, 5, 14, 9, 0, tzinfo=CASABLANCA)
    article = make_article(tags=["المغرب"], authors=[author], published_at=when)
    tag = article.tags.get()
    assert article.title in client.get(tag.get_absolute_url()).text
    assert article.title in client.get(author.get_absolute_url()).text
    day = client.get("/archive/2026/05/14/")
    assert day.status_code == 200
    assert article.title in day.text and "ماي" in day.text
    assert article.title in client.get("/archive/2026/05/").text


def test_missing_pages_answer_404_in_arabic(client):
    response = client.get("/article/لا-يوجد/")
    assert response.status_code == 404
    assert 'lang="ar" dir="rtl"' in response.text
    assert "<h1>الصفحة غير موجودة</h1>" in response.text
    assert client.get("/section/nothing/").status_code == 404
    assert client.get("/archive/2026/13/40/").status_code == 404


def test_server_errors_get_an_arabic_500_page(client, settings, monkeypatch):
    from articles import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "render", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert 'lang="ar" dir="rtl"' in response.text


def test_public_pages_may_be_cached_but_previews_never(client, editor, make_article):
    article = make_article()
    assert "public" in client.get(article.get_absolute_url())["Cache-Control"]
    assert "public" in client.get("/")["Cache-Control"]
    draft = make_article(status="review", published_at=None)
    signed = client.get(previews.preview_url(draft.pk))
    client.force_login(editor)
    staff = client.get(f"/admin/articles/article/{draft.pk}/preview/")
    for preview in (signed, staff):
        assert preview.status_code == 200
        assert draft.title in preview.text
        cache_control = preview["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control
        assert "public" not in cache_control


def test_images_are_responsive_webp_renditions_with_dimensions(
    client, make_article, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(image=sample_jpeg((1600, 900)))
    page = client.get(article.get_absolute_url()).text
    assert '<source type="image/webp"' in page
    assert "-640.webp 640w" in page and "-1280.webp 1280w" in page
    assert 'width="1600" height="900"' in page
    assert (media / "renditions").exists()
    home = client.get("/").text
    assert home.count('fetchpriority="high"') == 1  # the lead story, above the fold
    assert 'loading="lazy"' in home  # the same story's card in its section's block


def test_latin_names_in_arabic_titles_are_isolated_and_still_escaped(client, make_article):
    article = make_article(title="شركة Hyundai Rotem تفوز بصفقة <b>الترامواي</b>")
    page = client.get(article.get_absolute_url()).text
    assert "<h1>شركة <bdi>Hyundai Rotem</bdi> تفوز بصفقة &lt;<bdi>b</bdi>&gt;" in page
    assert "<b>الترامواي</b>" not in page
    assert "<bdi>Hyundai Rotem</bdi>" in client.get("/").text


@pytest.mark.parametrize("url", ["/archive/9999/12/31/", "/archive/9999/12/", "/archive/0/1/1/"])
def test_archive_dates_at_the_edge_of_the_calendar_are_404(client, url):
    assert client.get(url).status_code == 404
