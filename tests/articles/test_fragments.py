"""Cached page fragments are never stale: a publish, an edit, an unpublish, a scheduled
story going live or a renamed section shows on the very next request."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import fragments
from articles.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a change schedules for after its commit, as a real commit would."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


def commit_edits(commit, *edits: tuple[object, str, str]) -> None:
    """Set and save each (object, field, value) in one change, then run what its commit
    schedules."""

    def edit():
        for obj, field, value in edits:
            setattr(obj, field, value)
            obj.save()

    commit(edit)


def home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_home_page_is_built_from_cached_fragments(client, make_article):
    make_article(title="خبر أول")
    client.get("/")
    assert home_queries(client) == 0
    # The fragments live in the shared cache, not in this process: emptied, they are rebuilt.
    cache.clear()
    assert home_queries(client) > 0


def test_a_publish_is_on_the_home_page_at_once(client, make_article, commit):
    make_article(title="خبر قديم")
    assert "خبر قديم" in client.get("/").text  # fragments now cached
    commit(lambda: make_article(title="عاجل: خبر جديد"))
    page = client.get("/").text
    assert "عاجل: خبر جديد" in page
    assert "خبر قديم" in page


def test_publishing_a_draft_and_unpublishing_show_at_once(client, make_article, commit):
    make_article(title="خبر منشور")
    draft = make_article(title="مسودة سرية", status=Article.Status.DRAFT)
    assert "مسودة سرية" not in client.get("/").text

    def publish():
        draft.status = Article.Status.PUBLISHED
        draft.save()

    commit(publish)
    assert "مسودة سرية" in client.get("/").text
    assert client.get(draft.get_absolute_url()).status_code == 200

    def unpublish():
        draft.status = Article.Status.DRAFT
        draft.save()

    commit(unpublish)
    assert "مسودة سرية" not in client.get("/").text
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_edit_shows_on_the_article_page_and_its_neighbours_at_once(client, make_article, commit):
    older = make_article(title="الخبر السابق")
    story = make_article(title="عنوان أول")
    assert "الخبر السابق" in client.get(story.get_absolute_url()).text

    commit_edits(commit, (story, "title", "عنوان مصحح"), (older, "title", "سابق بعنوان جديد"))
    page = client.get(story.get_absolute_url()).text
    assert "عنوان مصحح" in page and "عنوان أول" not in page
    assert "سابق بعنوان جديد" in page


def test_a_scheduled_story_goes_live_on_time_without_any_save(client, make_article):
    make_article(title="خبر الصباح")
    publish_at = timezone.now() + timedelta(seconds=60)  # well within the fragments TTL
    scheduled = make_article(title="خبر مبرمج", published_at=publish_at)
    assert "خبر مبرمج" not in client.get("/").text
    with time_machine.travel(publish_at - timedelta(seconds=1), tick=False):
        assert "خبر مبرمج" not in client.get("/").text
    with time_machine.travel(publish_at + timedelta(seconds=1), tick=False):
        assert "خبر مبرمج" in client.get("/").text
        assert client.get(scheduled.get_absolute_url()).status_code == 200


def test_a_renamed_section_shows_in_the_menu_at_once(client, make_article, category, commit):
    make_article()
    assert category.name in client.get("/").text

    commit_edits(commit, (category, "name", "سياسة وطنية"))
    assert "سياسة وطنية" in client.get("/").text


def test_a_change_rolled_back_keeps_the_generation(
    make_article, django_capture_on_commit_callbacks
):
    make_article()
    before = fragments.generation()
    # Nothing is bumped before the commit: a request in between would otherwise cache
    # the old rows under the new generation.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_article(title="لم يحفظ بعد")
    assert fragments.generation() == before
    assert fragments.bump in callbacks


def test_a_request_reads_the_generation_once_and_a_bump_within_it_is_seen(
    client, make_article, monkeypatch
):
    story = make_article(title="خبر يقرأ مرة واحدة")
    client.get(story.get_absolute_url())
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    assert client.get(story.get_absolute_url()).status_code == 200
    assert reads.count(fragments.GENERATION_KEY) == 1
    # Outside a request every call reads the shared cache (another process may bump).
    first = fragments.generation()
    cache.set(fragments.GENERATION_KEY, ("from-another-process", None), None)
    assert fragments.generation() == "from-another-process" != first

    # Within a request, this process's own bump is seen at once. (The handlers are called
    # directly: the signals would also close the test's database connection.)
    fragments._request_started()
    try:
        before = fragments.generation()
        fragments.bump()
        assert fragments.generation() != before
    finally:
        fragments._request_finished()


def test_list_pages_show_an_edit_and_a_renamed_section_at_once(
    client, make_article, category, author, commit
):
    story = make_article(title="عنوان القائمة الأول", authors=[author])
    pages = [category.get_absolute_url(), author.get_absolute_url()]
    pages.append(f"/archive/{timezone.localtime(story.published_at):%Y/%m/%d}/")
    for url in pages:
        assert "عنوان القائمة الأول" in client.get(url).text, url  # the cards now cached

    old_name = category.name

    commit_edits(
        commit, (story, "title", "عنوان القائمة المصحح"), (category, "name", "قسم بعنوان جديد")
    )
    for url in pages:
        page = client.get(url).text
        assert "عنوان القائمة المصحح" in page and "عنوان القائمة الأول" not in page, url
        # Nowhere the old name: neither the menu nor the cards' section line.
        assert "قسم بعنوان جديد" in page and old_name not in page, url


def test_list_cards_are_kept_in_the_shared_cache(client, make_article, category):
    for n in range(3):
        make_article(title=f"بطاقة {n}")
    client.get(category.get_absolute_url())
    built = []
    import articles.templatetags.news as news

    real = news.render_to_string
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(news, "render_to_string", lambda *a, **k: built.append(1) or real(*a, **k))
        assert "بطاقة 2" in client.get(category.get_absolute_url()).text
        assert built == []  # served from the cache
        cache.clear()
        assert "بطاقة 2" in client.get(category.get_absolute_url()).text
        assert built == [1]


def test_the_sitemap_index_shows_a_new_page_after_a_publish(
    client, make_article, commit, monkeypatch
):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 1)
    make_article(title="أول خبر في الخريطة")
    before = client.get("/sitemap.xml").text.count("<sitemap>")
    assert client.get("/sitemap.xml").text.count("<sitemap>") == before  # now cached
    commit(lambda: make_article(title="خبر يفتح صفحة جديدة"))
    assert client.get("/sitemap.xml").text.count("<sitemap>") == before + 1


def test_a_story_unpublished_behind_the_cache_gives_a_404_not_its_draft(client, make_article):
    from django.core.cache.utils import make_template_fragment_key

    story = make_article(title="خبر سيسحب", body="<p>النص المنشور.</p>")
    assert client.get(story.get_absolute_url()).status_code == 200  # head and fragments cached
    # Unpublished and rewritten by a path that starts no new generation, and the page's
    # fragments gone: the head still says "published", the story no longer is.
    Article.objects.filter(pk=story.pk).update(
        status=Article.Status.DRAFT, body="<p>مسودة لم تنشر.</p>"
    )
    generation = fragments.generation()
    story.refresh_from_db()
    cache.delete(f"fragments:{generation}:article:{story.pk}")
    for name in ("article_page", "article_meta"):
        for vary in (
            [story.pk, story.version, False, generation],
            [story.pk, story.version, generation],
        ):
            cache.delete(make_template_fragment_key(name, vary))
    page = client.get(story.get_absolute_url())
    assert page.status_code == 404
    assert "مسودة لم تنشر" not in page.text


@pytest.mark.parametrize("page", ["section", "tag", "author"])
def test_list_pages_read_the_generation_before_their_rows(
    client, make_article, category, author, monkeypatch, page
):
    from articles.models import Tag

    tag = Tag.objects.create(name="الجفاف")
    make_article(title="خبر في القائمة", authors=[author], tags=[tag])
    url = {"section": category, "tag": tag, "author": author}[page].get_absolute_url()
    client.get(url)
    events = []
    real_get = cache.get

    def recording_get(key, *args, **kwargs):
        if key == fragments.GENERATION_KEY:
            events.append("generation")
        return real_get(key, *args, **kwargs)

    def recording_query(execute, sql, params, many, context):
        if '"articles_article"' in sql:
            events.append("rows")
        return execute(sql, params, many, context)

    monkeypatch.setattr(cache, "get", recording_get)
    with connection.execute_wrapper(recording_query):
        assert client.get(url).status_code == 200
        if page != "section":
            # Warm, a tag's or author's list is a fragment: no story row is read at all;
            # cold, its rows come after the generation too.
            assert "rows" not in events
            cache.clear()
            events.clear()
            assert client.get(url).status_code == 200
    assert events.index("generation") < events.index("rows")
