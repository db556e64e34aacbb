"""Arabic slugs work end to end: URLs, percent-encoded links and tag slugs."""

from urllib.parse import quote

import pytest

from articles.models import Article, Tag

pytestmark = pytest.mark.django_db


def test_an_arabic_title_gets_an_arabic_slug_and_its_page(client, make_article):
    article = make_article(title="المنتخب المغربي يتأهل إلى نصف النهائي", slug="")
    assert article.slug == "المنتخب-المغربي-يتأهل-إلى-نصف-النهائي"
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "المنتخب المغربي يتأهل إلى نصف النهائي" in response.text


def test_a_percent_encoded_link_reaches_the_same_article(client, make_article):
    article = make_article(title="ارتفاع أسعار الخضر في أسواق الدار البيضاء", slug="")
    readable = f"/article/{article.slug}/"
    encoded = quote(readable)
    assert "%D8" in encoded
    assert article.get_absolute_url() == encoded
    for link in (readable, encoded, encoded.lower()):
        response = client.get(link)
        assert response.status_code == 200, link
        assert response.context["article"] == article


def test_slugs_are_unique_even_for_the_same_title(make_article):
    first = make_article(title="عنوان متكرر", slug="")
    second = make_article(title="عنوان متكرر", slug="")
    assert first.slug != second.slug
    assert Article.objects.filter(slug__startswith="عنوان-متكرر").count() == 2


def test_tag_slugs_keep_their_arabic_letters(client, make_article):
    article = make_article(tags=["كأس العالم"])
    tag = Tag.objects.get(name="كأس العالم")
    assert tag.slug == "كأس-العالم"
    response = client.get(tag.get_absolute_url())
    assert response.status_code == 200
    assert article.title in response.text


def test_direction_controls_are_removed_from_titles_and_slugs(make_article):
    article = make_article(title="خبر\u202e عاجل\u200f", slug="")
    assert article.title == "خبر عاجل"
    assert "\u202e" not in article.slug


def test_a_lookalike_tag_is_the_existing_tag(make_article):
    first = make_article(tags=["الإستثمار"])
    second = make_article(tags=["الاستثمار", "المدرسة", "المدرسه"])
    assert Tag.objects.filter(name__in=["الإستثمار", "الاستثمار"]).count() == 1
    assert set(second.tags.names()) == {"الإستثمار", "المدرسة"}
    assert first.tags.get() == second.tags.get(name="الإستثمار")


@pytest.mark.parametrize(
    "lookalike",
    ["الإستثمار", "الأستثمار", "الاستثمار", "الاستثمـــار", "الاِسْتِثْمَار"],
)
def test_tags_differing_only_by_hamza_alef_diacritics_or_tatweel_merge(make_article, lookalike):
    make_article(tags=["الاستثمار"])
    article = make_article(tags=[lookalike])
    assert article.tags.get().name == "الاستثمار"


def test_maqsura_and_ta_marbuta_lookalikes_merge(make_article):
    make_article(tags=["مستشفى الجامعة"])
    article = make_article(tags=["مستشفي الجامعه"])
    assert article.tags.get().name == "مستشفى الجامعة"
