"""Every address the old WordPress site had answers with a 301 to the page that replaced it."""

from datetime import UTC, datetime
from urllib.parse import quote

import pytest
import time_machine

from articles.models import Article, Author, Category, Tag
from tests.wordpress.conftest import NEWS, post_xml, run_import, wxr
from wordpress.models import LegacyPath

pytestmark = pytest.mark.django_db


def url_of(wp_id: int) -> str:
    return Article.objects.get(wordpress_post__wp_id=wp_id).get_absolute_url()


def assert_redirects(client, path: str, target: str) -> None:
    response = client.get(path)
    assert response.status_code == 301, (path, response.status_code)
    assert response["Location"] == target, path


def encoded(path: str) -> str:
    """A path as a browser sends it: Arabic letters percent-encoded (upper case)."""
    return quote(path)


@pytest.fixture
def arabic_site(import_arabic):
    import_arabic()


@pytest.mark.parametrize(
    "old",
    [
        "/2024/05/20/تراجع-أسعار-الخضر/",  # the permalink
        "/2024/05/تراجع-أسعار-الخضر/",
        "/تراجع-أسعار-الخضر/",
        "/2024/05/20/أسعار-الخضر/",  # an _wp_old_slug
        "/أسعار-الخضر",
        "/2024/05/20/تراجع-أسعار-الخضر",  # no trailing slash
        "/2024/05/20/تراجع-أسعار-الخضر/feed/",  # the post's comment feed
        "/2024/05/20/تراجع-أسعار-الخضر/amp/",
        "/2024/05/20/تراجع-أسعار-الخضر/2/",  # page 2 of a paginated post
        "/index.php/2024/05/20/تراجع-أسعار-الخضر/",
    ],
)
def test_a_post_address_redirects_raw_and_percent_encoded(client, arabic_site, old):
    target = url_of(101)
    assert_redirects(client, old, target)
    assert_redirects(client, encoded(old), target)
    # WordPress writes its own links with lower-case escapes.
    assert_redirects(client, encoded(old).lower(), target)


def test_query_string_addresses(client, arabic_site):
    assert_redirects(client, "/?p=101", url_of(101))
    assert_redirects(client, "/?p=101&preview=true", url_of(101))
    section = Category.objects.get(name="اقتصاد")
    assert_redirects(client, "/?cat=5", section.get_absolute_url())
    assert_redirects(client, "/?cat=5&feed=rss2", f"/section/{quote(section.slug)}/feed/")
    assert_redirects(
        client, "/?tag=" + quote("أمطار"), Tag.objects.get(name="الأمطار").get_absolute_url()
    )
    assert_redirects(client, "/?s=" + quote("الخضر"), "/search/?q=" + quote("الخضر"))
    assert_redirects(client, "/?feed=rss2", "/feed/")
    assert_redirects(
        client, "/?author=2", Author.objects.get(name="سلمى العلوي").get_absolute_url()
    )
    assert_redirects(client, "/?m=202405", "/archive/2024/5/")
    assert_redirects(client, "/?m=20240520", "/archive/2024/5/20/")


@pytest.mark.parametrize(
    "query",
    ["?page_id=110", "?p=99999", "?p=abc", "?p=", "?attachment_id=201", "?m=2024", "?m=202413"],
)
def test_pages_and_unknown_ids_are_not_found_rather_than_the_home_page(client, arabic_site, query):
    assert client.get("/" + query).status_code == 404


def test_unpublished_posts_are_not_revealed_by_their_old_address(client, arabic_site):
    for wp_id, old in [(105, "/?p=105"), (106, "/2024/06/21/ميزانية-الجماعة/"), (107, "/?p=107")]:
        response = client.get(old)
        assert response.status_code == 404, old
        assert Article.objects.get(wordpress_post__wp_id=wp_id).slug not in response.get(
            "Location", ""
        )


def test_a_scheduled_post_redirects_once_its_time_has_come(client, arabic_site):
    with time_machine.travel(datetime(2031, 9, 2, tzinfo=UTC)):
        assert_redirects(client, "/2031/09/01/الدخول-المدرسي/", url_of(107))


def test_two_posts_with_one_slug_both_keep_their_links(client, arabic_site):
    assert_redirects(client, "/2023/07/01/حفل-التخرج/", url_of(111))
    assert_redirects(client, "/2024/07/01/حفل-التخرج/", url_of(112))
    assert_redirects(client, "/حفل-التخرج/", url_of(111))  # the first keeps the bare slug
    assert_redirects(client, "/?p=112", url_of(112))


def test_section_tag_and_author_addresses(client, arabic_site):
    economy = Category.objects.get(name="اقتصاد")
    farming = Tag.objects.get(name="فلاحة")
    assert_redirects(client, encoded("/category/اقتصاد/"), economy.get_absolute_url())
    assert_redirects(client, "/category/اقتصاد/page/2/", economy.get_absolute_url())
    assert_redirects(client, "/category/اقتصاد/feed/", f"/section/{quote(economy.slug)}/feed/")
    # A nested category became a tag: both of its old addresses lead there.
    assert_redirects(client, "/category/اقتصاد/فلاحة/", farming.get_absolute_url())
    assert_redirects(client, "/category/فلاحة/", farming.get_absolute_url())
    # WordPress's tag slug «أمطار» differs from the tag here («الأمطار»).
    assert_redirects(
        client, encoded("/tag/أمطار/"), Tag.objects.get(name="الأمطار").get_absolute_url()
    )
    assert_redirects(client, "/tag/السياحة-2/", Tag.objects.get(name="السياحة").get_absolute_url())
    assert_redirects(
        client, "/author/salma/", Author.objects.get(name="سلمى العلوي").get_absolute_url()
    )
    assert_redirects(
        client, "/author/y-tazi/", Author.objects.get(name="يوسف التازي").get_absolute_url()
    )


def test_site_feeds_and_date_archives(client, arabic_site):
    for old in ("/feed/rss2/", "/feed/atom/", "/rss/", "/comments/feed/"):
        assert_redirects(client, old, "/feed/")
    assert_redirects(client, "/2024/05/", "/archive/2024/5/")
    assert_redirects(client, "/2024/05/20/", "/archive/2024/5/20/")
    assert client.get("/archive/2024/5/20/").status_code == 200


def test_links_follow_a_later_slug_change(client, arabic_site):
    article = Article.objects.get(wordpress_post__wp_id=101)
    article.slug = "اسم-جديد"
    article.save()

    assert_redirects(
        client, "/2024/05/20/تراجع-أسعار-الخضر/", "/article/" + quote("اسم-جديد") + "/"
    )


def test_this_sites_own_pages_win_over_old_addresses(client, db, write_export, make_article):
    """An old /search/, /feed/, /tag/… or /author/… stays this site's page."""
    Tag.objects.create(name="اقتصاد")
    author = Author.objects.create(name="هيئة التحرير", slug="editor")
    # Tag and author pages exist while a published story carries them.
    make_article(tags=["اقتصاد"], authors=[author])
    items = [
        post_xml(1, title="صفحة البحث", slug="search", extra=NEWS),
        post_xml(2, title="تدفق", slug="feed", extra=NEWS),
        post_xml(
            3, title="وسم", slug="tag-page", link="https://old.example.org/tag/اقتصاد/", extra=NEWS
        ),
        post_xml(
            4,
            title="كاتب",
            slug="author-page",
            link="https://old.example.org/author/editor/",
            extra=NEWS,
        ),
    ]
    run_import(write_export(wxr(*items)))
    assert LegacyPath.objects.filter(path__in=["/search", "/feed"]).count() == 2

    assert client.get("/search/").status_code == 200
    assert client.get("/feed/")["Content-Type"].startswith("application/rss+xml")
    assert client.get("/tag/" + quote("اقتصاد") + "/").status_code == 200
    assert client.get("/author/editor/").status_code == 200
    # The same old addresses without the trailing slash are completed by Django, not us.
    assert client.get("/search")["Location"] == "/search/"


def test_redirects_are_plain_cacheable_301s(client, arabic_site):
    response = client.get("/2024/05/20/تراجع-أسعار-الخضر/")

    assert response.status_code == 301
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    assert client.head("/?p=101").status_code == 301
    assert client.post("/2024/05/20/تراجع-أسعار-الخضر/").status_code == 404


def test_an_old_address_costs_one_query(client, arabic_site, django_assert_num_queries):
    # 1. the LegacyPath row by its unique path, with the target's slug joined and the
    #    article's visibility checked by an EXISTS on its primary key.
    with django_assert_num_queries(1):
        assert client.get("/2024/05/20/تراجع-أسعار-الخضر/").status_code == 301
    with django_assert_num_queries(1):
        assert client.get("/?p=101").status_code == 301
    # Site feeds and date archives need no query at all.
    with django_assert_num_queries(0):
        assert client.get("/feed/rss2/").status_code == 301


@pytest.mark.parametrize(
    "path",
    [
        "/%00/",
        "/a%00b/",
        "/" + "ب" * 2000 + "/",
        "/%FF%FE/",
        "/../../etc/passwd",
        "/?p=1%00",
        "/?p=" + "9" * 40,
        "/?tag=%00",
        "/?cat=-1",
        "/category/",
    ],
)
def test_malformed_addresses_are_not_found_never_an_error(client, arabic_site, path):
    # A NUL in a parameter is refused before any view (400, newsroom.middleware).
    assert client.get(path).status_code in ((400,) if "=" in path and "%00" in path else (301, 404))


def stored_copy(source: str) -> str:
    from django.core.files.storage import default_storage

    from wordpress.models import ImportedAttachment

    return default_storage.url(ImportedAttachment.objects.get(source=source).stored)


@pytest.mark.parametrize(
    ("old", "source"),
    [
        ("/wp-content/uploads/2024/05/souk.jpg", "2024/05/souk.jpg"),
        # WordPress's resized copy and big-image copy stand for the original.
        ("/wp-content/uploads/2024/05/souk-300x200.jpg", "2024/05/souk.jpg"),
        ("/wp-content/uploads/2024/06/books-scaled.jpg", "2024/06/books.jpg"),
        ("/wp-content/uploads/2024/06/books-1024x683.jpg", "2024/06/books.jpg"),
    ],
)
def test_an_old_image_address_redirects_to_the_stored_copy(client, arabic_site, old, source):
    target = stored_copy(source)
    assert target.endswith((".jpg", ".png", ".webp"))
    assert_redirects(client, old, target)


@pytest.mark.parametrize(
    "old",
    [
        "/wp-content/uploads/2024/05/report.pdf",  # not an image: never imported
        "/wp-content/uploads/2023/07/broken.jpg",  # refused by the image checks
        "/wp-content/uploads/2024/05/nothing-here.jpg",
        "/wp-content/uploads/",
        "/wp-content/uploads/../../etc/passwd",
        "/wp-content/uploads/2024/05/souk%00.jpg",
        "/wp-content/uploads/" + "a" * 600 + ".jpg",
    ],
)
def test_an_unknown_or_refused_file_is_not_found(client, arabic_site, old):
    assert client.get(old).status_code == 404
