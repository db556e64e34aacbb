"""The page cache for anonymous readers: who gets a cached page, what is stored, and a
change showing at once on every page that lists the story."""

from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone

from articles import fragments
from articles.models import Article, Author, Category, Tag
from desk.previews import preview_url
from edge import pagecache
from pages.models import Page
from ticker.models import Headline

pytestmark = pytest.mark.django_db

STATE = "X-Page-Cache"


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def story(make_article, author):
    return make_article(title="خبر أول في الصفحة", authors=[author], tags=["انتخابات"])


def test_an_anonymous_reader_gets_the_stored_page_without_any_query(
    client, story, django_assert_num_queries
):
    first = client.get(story.get_absolute_url())
    assert first[STATE] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(story.get_absolute_url())
    assert second[STATE] == "HIT"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_logged_in_editor_never_receives_a_cached_page(client, story, editor):
    client.get("/")  # an anonymous reader stores the home page
    # A change that no signal saw: the stored copy is now out of date (the page parts are
    # rebuilt, as a publish would have them).
    Article.objects.filter(pk=story.pk).update(title="عنوان صححه المحرر")
    fragments.bump()
    assert client.get("/")[STATE] == "HIT"
    client.force_login(editor)
    response = client.get("/")
    assert STATE not in response
    assert "عنوان صححه المحرر" in response.content.decode()


def test_a_logged_in_editor_never_creates_a_cached_page(client, story, editor):
    client.force_login(editor)
    assert STATE not in client.get("/")
    assert STATE not in client.get(story.get_absolute_url())
    client.logout()
    client.cookies.clear()
    assert client.get("/")[STATE] == "MISS"
    assert client.get(story.get_absolute_url())[STATE] == "MISS"


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken"])
def test_a_session_or_csrf_cookie_bypasses_the_cache(client, story, cookie):
    client.get("/")
    client.cookies[cookie] = "x" * 32
    assert STATE not in client.get("/")


def test_other_cookies_do_not_split_the_cache(client, story):
    client.get("/")
    client.cookies["_ga"] = "GA1.1.123"
    assert client.get("/")[STATE] == "HIT"


def test_a_response_that_sets_a_cookie_is_never_stored(client, story, settings):
    settings.ROOT_URLCONF = "tests.edge.urls"
    first = client.get("/cookie-page/")
    assert first.cookies["flavour"].value == "mint"
    second = client.get("/cookie-page/")
    assert second.get(STATE) != "HIT"
    assert second.cookies["flavour"].value == "mint"  # rendered again, cookie and all
    assert not [key for key in cache._cache if "page:copy" in key]


def test_post_and_previews_are_never_served_or_stored(client, make_article):
    client.get("/")
    assert STATE not in client.post("/")
    draft = make_article(status=Article.Status.DRAFT, title="مسودة")
    url = preview_url(draft.pk)
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200 and STATE not in response
        assert "no-store" in response["Cache-Control"]


def test_a_404_is_not_stored(client, db):
    client.get("/article/not-yet/")
    assert STATE not in client.get("/article/not-yet/")


def listing_pages(story: Article) -> list[str]:
    day = timezone.localtime(story.published_at)
    return [
        "/",
        story.category.get_absolute_url(),
        f"{story.category.get_absolute_url()}feed/",
        story.tags.get().get_absolute_url(),
        story.authors.get().get_absolute_url(),
        "/feed/",
        "/sitemap-articles.xml",
        "/news-sitemap.xml",
        f"/archive/{day.year}/{day.month}/",
        f"/archive/{day.year}/{day.month}/{day.day}/",
    ]


def test_a_publish_shows_at_once_on_every_page_listing_the_story(
    client, story, make_article, author, django_capture_on_commit_callbacks, time_machine
):
    pages = listing_pages(story)
    for url in pages:
        assert client.get(url)[STATE] == "MISS", url
        assert client.get(url)[STATE] == "HIT", url
    sitemap_before = client.get("/sitemap.xml").content
    draft = make_article(
        title="خبر عاجل نشر للتو",
        status=Article.Status.DRAFT,
        authors=[author],
        tags=["انتخابات"],
    )
    for url in pages:  # a draft changes nothing readers see
        assert client.get(url)[STATE] == "HIT", url
    # Sitemaps give times to the second: publish in a later second than the first read.
    time_machine.move_to(timezone.now() + timedelta(seconds=2))
    with django_capture_on_commit_callbacks(execute=True):
        draft.status = Article.Status.PUBLISHED
        # Just after the first story, so on the same day's archive at any hour (published
        # "now" just after midnight in Casablanca, it belonged to the next day's page).
        draft.published_at = story.published_at + timedelta(seconds=1)
        draft.save()
    for url in pages:
        response = client.get(url)
        assert response[STATE] == "MISS", url
        assert shows(response, draft), url
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert client.get("/sitemap.xml").content != sitemap_before  # a newer lastmod


def shows(response, article: Article) -> bool:
    """The page names the article: its title, or its address (sitemaps)."""
    text = unquote(response.content.decode())
    return article.title in text or unquote(article.get_absolute_url()) in text


def test_unpublishing_and_archiving_remove_the_story_at_once(
    client, story, django_capture_on_commit_callbacks
):
    pages = [*listing_pages(story), story.get_absolute_url()]
    for url in pages:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Article.Status.ARCHIVED
        story.save()
    assert client.get(story.get_absolute_url()).status_code == 404
    for url in pages[:-1]:
        response = client.get(url)
        assert not shows(response, story) or response.status_code == 404, url


def test_a_title_edit_and_a_tag_taken_off_show_at_once(
    client, story, django_capture_on_commit_callbacks
):
    tag_page = story.tags.get().get_absolute_url()
    for url in ["/", story.get_absolute_url(), tag_page]:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        story.title = "عنوان بعد التصحيح"
        story.save()
    assert "عنوان بعد التصحيح" in client.get("/").content.decode()
    assert "عنوان بعد التصحيح" in client.get(story.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        story.tags.clear()
    assert client.get(tag_page).status_code == 404  # no published story carries it now


def test_invalidation_waits_for_the_commit(client, story, django_capture_on_commit_callbacks):
    client.get("/")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Article.objects.get(pk=story.pk).save()
    assert callbacks
    assert client.get("/")[STATE] == "HIT"  # nothing happened before the commit


@pytest.mark.parametrize(
    "change",
    [
        lambda: Headline.objects.create(text="عاجل: زلزال"),
        lambda: Category.objects.create(name="رياضة", slug="sport", position=2),
        lambda: Author.objects.update_or_create(slug="salma-bennani", defaults={"name": "س"}),
        lambda: Tag.objects.create(name="وسم جديد"),
        # The footer lists the site's own pages on every page.
        lambda: Page.objects.create(title="من نحن", slug="about-us", body="<p>نحن</p>"),
    ],
    ids=["ticker", "section", "author", "tag", "site page"],
)
def test_a_ticker_or_section_change_makes_every_page_stale(
    client, story, change, django_capture_on_commit_callbacks
):
    for url in ["/", story.get_absolute_url()]:
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        change()
    for url in ["/", story.get_absolute_url()]:
        assert client.get(url)[STATE] == "MISS", url


def test_one_request_renders_a_stale_page_the_others_get_the_stale_copy(client, story, rf):
    client.get("/")
    Article.objects.filter(pk=story.pk).update(title="النسخة الجديدة", version=F("version") + 1)
    fragments.bump()
    pagecache.invalidate_paths(["/"])
    request = rf.get("/")
    key = pagecache.copy_key(request)
    assert cache.add(key + ":lock", 1, 30)  # another request is rendering it
    stale = client.get("/")
    assert stale[STATE] == "STALE"
    assert "النسخة الجديدة" not in stale.content.decode()
    cache.delete(key + ":lock")
    fresh = client.get("/")
    assert fresh[STATE] == "MISS" and "النسخة الجديدة" in fresh.content.decode()
    assert client.get("/")[STATE] == "HIT"


def test_a_copy_past_its_freshness_is_rendered_again(client, story, time_machine):
    client.get("/")
    time_machine.move_to(timezone.now() + timedelta(seconds=61))
    assert client.get("/")[STATE] == "MISS"
    assert client.get("/")[STATE] == "HIT"


def test_a_cached_page_answers_304_to_a_current_etag(client, story):
    first = client.get("/")
    etag = first["ETag"]
    again = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again[STATE] == "HIT"
    since = client.get("/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_each_coding_has_its_own_copy(client, story):
    plain = client.get("/")
    gz = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    br = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert gz["Content-Encoding"] == "gzip" and br["Content-Encoding"] == "br"
    assert client.get("/", HTTP_ACCEPT_ENCODING="gzip")[STATE] == "HIT"
    assert client.get("/", HTTP_ACCEPT_ENCODING="br")["Content-Encoding"] == "br"
    assert "Content-Encoding" not in client.get("/")


def test_arabic_paths_encoded_or_not_are_one_copy(client, make_article):
    story = make_article(slug="انتخابات-جماعية")
    assert client.get(story.get_absolute_url())[STATE] == "MISS"
    assert "%D8" in story.get_absolute_url()
    pagecache.invalidate_paths(["/article/انتخابات-جماعية/"])
    assert client.get(story.get_absolute_url())[STATE] == "MISS"  # same path, made stale


def test_staff_editing_in_the_admin_is_never_cached(client, story, editor):
    client.force_login(editor)
    assert STATE not in client.get("/admin/")
    assert User.objects.filter(username="editor1").exists()


def test_a_scheduled_story_makes_its_pages_stale_when_its_time_comes(
    client, story, make_article, django_capture_on_commit_callbacks, time_machine, settings
):
    from django.test import override_settings

    # Copies that stay fresh for hours: only the task can make the home page stale.
    settings.PAGE_CACHE_SECONDS = settings.PUBLIC_SHARED_MAX_AGE = 4 * 3600
    from django_tasks import default_task_backend

    dummy = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    at = timezone.now() + timedelta(minutes=30)
    client.get("/")
    with override_settings(TASKS=dummy):
        default_task_backend.clear()
        with django_capture_on_commit_callbacks(execute=True):
            scheduled = make_article(title="خبر مبرمج للنشر", published_at=at)
        (due,) = [r for r in default_task_backend.results if r.task.name == "publication_due"]
    assert due.task.run_after == at and due.args == [scheduled.pk]
    assert client.get("/")[STATE] == "HIT"  # not visible yet: nothing changed
    time_machine.move_to(at + timedelta(seconds=1))
    assert client.get("/")[STATE] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        due.task.call(*due.args)  # the worker runs it at its time
    response = client.get("/")
    assert response[STATE] == "MISS" and "خبر مبرمج للنشر" in response.content.decode()


def test_a_photo_added_to_a_gallery_shows_on_its_story_at_once_and_elsewhere_nothing_changes(
    client, make_article, media, django_capture_on_commit_callbacks
):
    from articles.models import Gallery, Photo
    from tests.conftest import sample_jpeg

    gallery = Gallery.objects.create(title="صور الحدث")
    story = make_article(kind=Article.Kind.GALLERY, gallery=gallery)
    make_article(title="خبر بعده")  # the story's neighbour (its «previous» link)
    far = make_article(title="خبر أبعد")
    for url in (story.get_absolute_url(), far.get_absolute_url()):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        Photo.objects.create(gallery=gallery, image=sample_jpeg((640, 360)), caption="تعليق جديد")
    response = client.get(story.get_absolute_url())
    assert response[STATE] == "MISS" and "تعليق جديد" in response.content.decode()
    assert client.get(far.get_absolute_url())[STATE] == "HIT"


def test_unpublishing_a_story_pinned_to_the_ticker_clears_it_from_every_page(
    client, story, make_article, django_capture_on_commit_callbacks
):
    make_article(title="خبر فاصل")  # the story's neighbour
    elsewhere = make_article(title="خبر في مكان آخر")
    with django_capture_on_commit_callbacks(execute=True):
        Headline.objects.create(text="عاجل مرتبط بالخبر", article=story)
    page = elsewhere.get_absolute_url()
    assert "عاجل مرتبط بالخبر" in client.get(page).content.decode()
    assert client.get(page)[STATE] == "HIT"
    with django_capture_on_commit_callbacks(execute=True):
        story.status = Article.Status.DRAFT
        story.save()
    assert "عاجل مرتبط بالخبر" not in client.get(page).content.decode()


def test_when_rendering_fails_readers_get_the_last_good_copy(client, story, monkeypatch):
    from articles import views

    client.get(story.get_absolute_url())
    pagecache.invalidate_paths([story.get_absolute_url()])

    def broken(*args, **kwargs):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(views, "render_article", broken)
    client.raise_request_exception = False
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200 and response[STATE] == "STALE"
    assert "خبر أول في الصفحة" in response.content.decode()
    assert client.get("/article/never-cached/").status_code == 404  # no copy: no change
