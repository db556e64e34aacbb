"""What a reader sees on the public pages: no label said twice, the tag and author pages,
the article's side column, columnists, the empty search page, the ticker's place."""

import re

import pytest
from django.core.files.base import ContentFile

from articles.models import Article, Author, Category
from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db


def main(page: str) -> str:
    return page.split("<main", 1)[1].split("</main>", 1)[0]


def test_a_title_that_says_its_kind_gets_no_second_label(client, make_article):
    video = make_article(
        title="فيديو: افتتاح الملعب",
        kind=Article.Kind.VIDEO,
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
    )
    album = make_article(title="بالصور: موسم الزعفران", kind=Article.Kind.GALLERY)
    for article in (video, album):
        page = main(client.get(article.get_absolute_url()).text)
        assert "kicker--" not in page, article.title
    home = main(client.get("/").text)
    assert 'class="kind"' not in home


def test_a_kind_label_shows_once_when_the_title_does_not_say_it(client, make_article):
    video = make_article(
        title="افتتاح الملعب الكبير",
        kind=Article.Kind.VIDEO,
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
    )
    page = main(client.get(video.get_absolute_url()).text)
    assert page.count('<p class="kicker kicker--video">فيديو</p>') == 1
    section = main(client.get(video.category.get_absolute_url()).text)
    assert section.count('<span class="kind">فيديو</span>') == 1


def test_a_section_named_like_the_kind_is_not_followed_by_it(client, make_article):
    opinion = Category.objects.create(name="رأي", slug="opinion")
    make_article(title="المدرسة تحتاج الثقة", kind=Article.Kind.OPINION, category=opinion)
    section = main(client.get(opinion.get_absolute_url()).text)
    assert "رأي · " not in section and 'class="kind"' not in section


def test_a_title_that_starts_with_its_section_name_gets_no_section_label(client, make_article):
    videos = Category.objects.create(name="فيديو", slug="video")
    make_article(
        title="فيديو: حرفيو النحاس",
        kind=Article.Kind.VIDEO,
        category=videos,
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
    )
    for url in ["/", videos.get_absolute_url()]:
        page = main(client.get(url).text)
        assert "فيديو: حرفيو النحاس" in page
        assert f'<p class="kicker"><a href="{videos.get_absolute_url()}">' not in page, url


def test_a_tag_page_says_it_is_a_tag(client, make_article):
    article = make_article(tags=["الماء"])
    tag = article.tags.get()
    page = client.get(tag.get_absolute_url()).text
    assert "<h1>وسم: الماء</h1>" in page
    assert "<title>وسم: الماء - " in page


def test_an_opinion_piece_shows_its_columnist_photo_and_name(client, make_article, media):
    columnist = Author.objects.create(name="أمينة الحمداوي")
    columnist.photo.save("amina.jpg", ContentFile(image_bytes("JPEG", (128, 128))), save=True)
    piece = make_article(title="رأي: المدينة تكبر", kind=Article.Kind.OPINION, authors=[columnist])
    page = main(client.get(piece.get_absolute_url()).text)
    columnist_link = re.search(r'<a class="columnist" href="([^"]+)">(.*?)</a>', page, re.S)
    assert columnist_link.group(1) == columnist.get_absolute_url()
    assert 'class="columnist-photo"' in columnist_link.group(2)
    assert "أمينة الحمداوي" in columnist_link.group(2)
    author_page = main(client.get(columnist.get_absolute_url()).text)
    assert f'<img class="author-photo" src="{columnist.photo.url}"' in author_page


def test_the_home_page_shows_columns_with_their_columnist_once(client, make_article, media):
    opinion = Category.objects.create(name="رأي", slug="opinion", position=9)
    columnist = Author.objects.create(name="أمينة الحمداوي")
    columnist.photo.save("amina.jpg", ContentFile(image_bytes("JPEG", (128, 128))), save=True)
    make_article(title="خبر عادي")
    column = make_article(
        title="المدينة تكبر", kind=Article.Kind.OPINION, authors=[columnist], category=opinion
    )
    page = main(client.get("/").text)
    block = page.split('<section class="opinion-columns"', 1)[1].split("</section>", 1)[0]
    assert f'<img class="columnist-photo" src="{columnist.photo.url}"' in block
    assert f'<a href="{columnist.get_absolute_url()}">أمينة الحمداوي</a>' in block
    assert f'<a href="{column.get_absolute_url()}">المدينة تكبر</a>' in block
    # The opinion section's own block would say the same again.
    assert f'id="block-{opinion.pk}"' not in page


def test_the_article_has_a_side_column_of_latest_and_most_read(client, make_article):
    newer = make_article(title="آخر خبر في الموقع")
    older = make_article(title="خبر أقدم")
    page = main(client.get(older.get_absolute_url()).text)
    aside = page.split('<aside class="article-aside"', 1)[1].split("</aside>", 1)[0]
    assert newer.title in aside
    assert 'class="most-read"' in aside


def test_an_empty_search_suggests_the_folded_spelling_latest_stories_and_sections(
    client, make_article, category
):
    latest = make_article(title="خبر حديث جدا")
    page = main(client.get("/search/", {"q": "إستثمارات غائبة"}).text)
    assert "/search/?q=%D8%A7%D8%B3%D8%AA%D8%AB%D9%85%D8%A7%D8%B1" in page  # «استثمار…»
    assert latest.title in page
    assert f'href="{category.get_absolute_url()}"' in page


def test_the_two_search_forms_have_different_names(client):
    page = client.get("/search/", {"q": "ماء"}).text
    labels = re.findall(r'<form [^>]*role="search" aria-label="([^"]+)"', page)
    assert len(labels) == 2 and labels[0] != labels[1]


def test_the_first_heading_on_every_page_is_the_page_own(client, make_article):
    article = make_article(tags=["الماء"])
    for url in ["/", article.get_absolute_url(), article.category.get_absolute_url()]:
        page = client.get(url).text
        first = re.search(r"<h([1-6])[ >]", page)
        assert first.group(1) == "1", (url, first.group(0))
        assert 'aria-labelledby="ticker-title"' in page
