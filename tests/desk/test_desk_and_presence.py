"""The editor's desk on the admin home, presence on the change form, tag suggestions."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from desk.paginators import LargeTablePaginator
from ticker.models import Headline

pytestmark = pytest.mark.django_db


def test_the_desk_shows_review_scheduled_latest_and_ticker(client, editor, make_article):
    waiting = make_article(title="ينتظر المراجعة", status="review", published_at=None)
    scheduled = make_article(title="مبرمج للغد", published_at=timezone.now() + timedelta(days=1))
    latest = make_article(title="منشور للتو")
    Headline.objects.create(text="عاجل على الشريط", is_breaking=True)
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    desk = response.context["review"], response.context["scheduled"], response.context["latest"]
    assert [list(q) for q in desk] == [[waiting], [scheduled], [latest]]
    for text in ["ينتظر المراجعة", "مبرمج للغد", "منشور للتو", "عاجل على الشريط"]:
        assert text in response.text


def test_the_article_list_filters_by_status_section_and_author(
    client, editor, make_article, author
):
    scheduled = make_article(title="مجدول", published_at=timezone.now() + timedelta(hours=5))
    live = make_article(title="حي", authors=[author])
    client.force_login(editor)
    page = client.get("/admin/articles/article/?state=scheduled")
    assert list(page.context["cl"].result_list) == [scheduled]
    page = client.get(f"/admin/articles/article/?authors__id__exact={author.pk}")
    assert list(page.context["cl"].result_list) == [live]
    page = client.get("/admin/articles/article/?q=حي")
    assert list(page.context["cl"].result_list) == [live]


def heartbeat(client, article):
    return client.post(f"/admin/articles/article/{article.pk}/presence/")


def test_someone_opening_an_article_sees_who_else_is_editing_it(
    client, editor, superuser, make_article
):
    article = make_article()
    client.force_login(superuser)
    assert heartbeat(client, article).json() == {"others": []}

    client.force_login(editor)
    assert heartbeat(client, article).json() == {"others": ["chief"]}
    page = client.get(f"/admin/articles/article/{article.pk}/change/")
    assert "chief" in page.context["others_editing"]
    assert "presence-takeover" in page.text


def test_presence_goes_stale_after_a_minute(client, editor, superuser, make_article):
    article = make_article()
    client.force_login(superuser)
    heartbeat(client, article)
    client.force_login(editor)
    with time_machine.travel(timezone.now() + timedelta(seconds=61), tick=False):
        assert heartbeat(client, article).json() == {"others": []}


def test_presence_is_for_staff_who_may_see_the_article(client, make_article):
    article = make_article()
    assert heartbeat(client, article).status_code == 302  # login


def test_tag_suggestions_match_any_spelling(client, journalist, make_article):
    make_article(tags=["الإستثمار", "الرياضة"])
    client.force_login(journalist)
    response = client.get("/admin/articles/article/tag-suggestions/", {"q": "الاست"})
    assert response.json() == {"tags": ["الإستثمار"]}


def test_the_article_list_counts_nothing_it_does_not_need(
    client, editor, make_article, django_assert_max_num_queries
):
    for _ in range(3):
        make_article()
    client.force_login(editor)
    # session, user, groups/permissions, the page, its count, the filter choices
    with django_assert_max_num_queries(12) as queries:
        page = client.get("/admin/articles/article/")
    assert page.status_code == 200
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert sql.count("COUNT(*)") <= 1  # no second "full result" count
    assert "DISTINCT" not in sql.split("articles_author")[0]  # no date hierarchy scan


def test_the_slug_is_prepopulated_from_the_arabic_title(client, journalist):
    client.force_login(journalist)
    page = client.get("/admin/articles/article/add/").text
    assert "&quot;allowUnicode&quot;: true" in page


def test_a_small_article_table_is_counted_exactly(make_article):
    make_article()
    assert LargeTablePaginator(Article.objects.all(), 50).count == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the estimate is PostgreSQL's pg_class.reltuples"
)
def test_an_unfiltered_list_on_a_large_postgresql_table_uses_the_estimate(make_article):
    make_article()
    with connection.cursor() as cursor:  # pretend autovacuum has seen a large table
        cursor.execute("UPDATE pg_class SET reltuples = 123456 WHERE relname = 'articles_article'")
    assert LargeTablePaginator(Article.objects.all(), 50).count == 123456
    assert LargeTablePaginator(Article.objects.filter(status="draft"), 50).count == 0


def test_a_reader_of_a_published_article_does_not_count_as_editing_it(
    client, journalist, make_article
):
    article = make_article(created_by=journalist)  # published: read-only for its writer
    client.force_login(journalist)
    assert client.post(f"/admin/articles/article/{article.pk}/presence/").status_code == 403
    assert client.get(f"/admin/articles/article/{article.pk}/presence/").status_code == 200


def test_the_editors_desk_shows_who_is_editing_what_and_a_new_story_link_first(
    client, editor, journalist, make_article
):
    article = make_article(title="قصة مفتوحة للتحرير", status="draft", published_at=None,
                           created_by=journalist)  # fmt: skip
    journalist.first_name = "سلمى"
    journalist.save()
    client.force_login(journalist)
    heartbeat(client, article)
    client.force_login(editor)
    page = client.get("/admin/").text
    desk = page[page.index('class="desk-new"') :]
    assert desk.index("مقال جديد") < desk.index("قيد التحرير الآن")
    editing = page[page.index('id="desk-editing"') : page.index('id="desk-latest"')]
    assert "قصة مفتوحة للتحرير" in editing and "سلمى" in editing


@pytest.mark.parametrize("role", ["editor", "journalist"])
def test_the_desk_costs_the_same_queries_with_few_or_many_stories(
    client, make_article, request, role
):
    user = request.getfixturevalue(role)
    client.force_login(user)

    def queries_for_desk() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/").status_code == 200
        return len(captured.captured_queries)

    for status in ["draft", "review", "published"]:
        make_article(
            status=status,
            created_by=user,
            published_at=None if status != "published" else timezone.now(),
        )
    few = queries_for_desk()
    for n in range(30):
        status = ["draft", "review", "published"][n % 3]
        make_article(
            status=status,
            created_by=user,
            published_at=None if status != "published" else timezone.now(),
        )
    assert queries_for_desk() == few
