"""The editors' title search in the admin list goes through the Arabic-aware index."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from desk import paginators
from desk.paginators import LargeTablePaginator

pytestmark = pytest.mark.django_db

LIST = "/admin/articles/article/"


def results(client, query: str) -> list[Article]:
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_a_spelling_without_hamza_finds_the_title_with_it(client, editor, make_article):
    story = make_article(title="مكافحة الإرهاب في الساحل")
    make_article(title="موسم الحصاد في سوس")
    client.force_login(editor)
    assert results(client, "الارهاب") == [story]
    assert results(client, "الإرهاب") == [story]
    assert results(client, "ارهاب") == [story]


def test_staff_find_drafts_and_stories_in_review(client, editor, make_article):
    draft = make_article(title="مسودة عن الجفاف", status=Article.Status.DRAFT)
    review = make_article(title="الجفاف يضرب الجنوب", status=Article.Status.REVIEW)
    client.force_login(editor)
    assert set(results(client, "الجفاف")) == {draft, review}


def test_every_word_typed_must_be_in_the_title(client, editor, make_article):
    both = make_article(title="الحكومة تناقش قانون المالية")
    make_article(title="الحكومة تفتتح مستشفى")
    make_article(title="قانون جديد للسير", excerpt="الحكومة")  # not in the title
    client.force_login(editor)
    assert results(client, "الحكومة المالية") == [both]
    assert len(results(client, "والحكومة")) == 2  # a clitic still finds the word


@pytest.mark.parametrize("query", ["!!!", "«»", "' OR 1=1 --", "a:* & !b", "ـــ", "\u202e"])
def test_a_query_of_no_words_is_an_empty_list_not_an_error(client, editor, make_article, query):
    make_article(title="خبر عادي")
    client.force_login(editor)
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200


def test_an_empty_search_lists_everything(client, editor, make_article):
    make_article()
    client.force_login(editor)
    assert len(results(client, "")) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's estimate")
def test_a_large_filtered_list_is_estimated_not_counted(make_article, monkeypatch):
    monkeypatch.setattr(paginators, "FILTERED_EXACT_LIMIT", 3)
    for _ in range(5):
        make_article()
    make_article(status=Article.Status.DRAFT)
    published = Article.objects.filter(status="published")
    with CaptureQueriesContext(connection) as queries:
        assert LargeTablePaginator(published, 50).count >= 4
    # A count of at most FILTERED_EXACT_LIMIT + 1 rows, then the planner's estimate.
    assert "LIMIT 4" in queries.captured_queries[0]["sql"]
    assert queries.captured_queries[1]["sql"].startswith("EXPLAIN")
    assert LargeTablePaginator(Article.objects.filter(status="draft"), 50).count == 1


def test_the_article_autocomplete_still_completes_a_word_being_typed(client, editor, make_article):
    story = make_article(title="مكافحة الإرهاب في الساحل")
    client.force_login(editor)
    params = {
        "app_label": "ticker",
        "model_name": "headline",
        "field_name": "article",
        "term": "الإره",
    }
    response = client.get("/admin/autocomplete/", params)
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(story.pk)]


def test_the_list_reads_no_bodies_and_its_checkboxes_still_select(client, editor, make_article):
    story = make_article(title="الحكومة تناقش قانون المالية", body="<p>نص طويل جدا.</p>")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST)
    rows = [q["sql"] for q in queries.captured_queries if 'FROM "articles_article"' in q["sql"]]
    assert rows and not any('"articles_article"."body"' in sql for sql in rows)
    assert (
        f'<input type="checkbox" name="_selected_action" value="{story.pk}" '
        'class="action-select" aria-label="حدد هذا الكائن لإجراء - الحكومة تناقش قانون المالية">'
    ) in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the windows are PostgreSQL's")
def test_the_newest_matches_are_listed_and_drafts_are_never_crowded_out(
    client, editor, make_article, monkeypatch
):
    from django.utils import timezone

    from search import admin_search

    monkeypatch.setattr(admin_search, "ADMIN_CANDIDATES", 2)
    now = timezone.now()
    newest, recent, last_year = (
        make_article(title=f"الجفاف في الجنوب {n}", published_at=now - timezone.timedelta(days=d))
        for n, d in ((1, 1), (2, 40), (3, 400))
    )
    old_draft, new_draft = (
        make_article(title=f"مسودة عن الجفاف {n}", status=Article.Status.DRAFT) for n in (1, 2)
    )
    newest_draft = make_article(title="مسودة أخرى عن الجفاف", status=Article.Status.DRAFT)
    client.force_login(editor)
    found = set(results(client, "الجفاف"))
    # The two newest dated titles, and the two newest drafts, which have no date.
    assert found == {newest, recent, new_draft, newest_draft}
    assert last_year not in found and old_draft not in found
