"""The results page: ranking rules, phrases, snippets, pagination and its query budget."""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from search.query import search_articles

URL = reverse("search:search")


def ago(days: float):
    return timezone.now() - timezone.timedelta(days=days)


def found(query: str) -> list[Article]:
    return search_articles(query).fetch()


@pytest.mark.parametrize(
    "status", [Article.Status.DRAFT, Article.Status.REVIEW, Article.Status.ARCHIVED]
)
def test_unpublished_articles_are_not_found(make_article, status):
    make_article(title="زلزال في الجنوب", status=status)
    visible = make_article(title="زلزال قديم")
    assert found("زلزال") == [visible]


def test_a_scheduled_article_is_found_only_once_its_time_has_come(make_article):
    article = make_article(
        title="قمة إفريقية", published_at=timezone.now() + timezone.timedelta(hours=1)
    )
    assert found("قمة") == []
    Article.objects.filter(pk=article.pk).update(published_at=ago(0.01))
    assert found("قمة") == [article]


@pytest.mark.parametrize("title_first", [True, False], ids=["title-created-first", "body-first"])
def test_a_title_match_ranks_above_body_matches_even_when_older(make_article, title_first):
    def in_title():
        return make_article(title="موسم الزيتون", published_at=ago(30))

    def in_body():
        return make_article(
            title="أخبار اليوم",
            body="<p>الزيتون ثم الزيتون ثم الزيتون في كل الحقول.</p>",
            published_at=ago(1),
        )

    if title_first:
        title, body = in_title(), in_body()
    else:
        body, title = in_body(), in_title()
    assert found("الزيتون") == [title, body]


def test_excerpt_tags_and_authors_rank_between_title_and_body(make_article, author):
    in_title = make_article(title="أزمة الماء", published_at=ago(3))
    in_tag = make_article(title="ب", tags=["الماء"], published_at=ago(2))
    in_body = make_article(title="أ", body="<p>تقرير عن الماء</p>", published_at=ago(1))
    assert found("الماء") == [in_title, in_tag, in_body]


def test_recency_breaks_ties_between_equally_relevant_articles(make_article):
    newer = make_article(title="مهرجان الموسيقى", published_at=ago(1))
    older = make_article(title="مهرجان الموسيقى", published_at=ago(5))
    assert found("مهرجان الموسيقى") == [newer, older]
    assert found("مهرجان") == [newer, older]


def test_articles_with_all_the_words_come_before_those_with_some(make_article):
    one_word_in_title = make_article(title="الطاقة في إفريقيا", published_at=ago(1))
    both_in_body = make_article(
        title="تقرير سنوي", body="<p>تطور الطاقة الشمسية في الجنوب.</p>", published_at=ago(40)
    )
    assert found("الطاقة الشمسية") == [both_in_body, one_word_in_title]


def test_a_quoted_phrase_matches_the_words_together_only(make_article):
    together = make_article(title="وزارة الصحة تطلق حملة")
    apart = make_article(title="الصحة النفسية", body="<p>دعت الجمعيات الوزارة إلى التدخل.</p>")
    assert set(found("وزارة الصحة")) == {together, apart}
    assert found('"وزارة الصحة"') == [together]
    assert found("«وزارة الصحة»") == [together]


def test_a_phrase_and_a_word_can_be_combined(make_article):
    both = make_article(title="وزارة الصحة في طنجة", published_at=ago(9))
    phrase_only = make_article(title="وزارة الصحة في الرباط", published_at=ago(1))
    assert found('"وزارة الصحة" طنجة')[:2] == [both, phrase_only]


def test_clitics_spellings_and_digits_are_folded_on_both_sides(make_article):
    article = make_article(
        title="بالمغرب: الإرهاب لا مكان له",
        excerpt="مستشفى جديد سنة ٢٠٢٤ للمؤسسة",
    )
    for query in ["المغرب", "والمغرب", "للمغرب", "الارهاب", "مستشفي", "2024", "المؤسسه"]:
        assert found(query) == [article], query


def test_a_word_after_and_is_found_from_the_word_alone(make_article):
    article = make_article(title="المغرب وإسبانيا يوقعان اتفاقية")
    assert found("إسبانيا") == [article]
    assert found("وإسبانيا") == [article]


def test_tag_and_author_names_are_searched(make_article, author):
    by_author = make_article(title="عمود الأسبوع", authors=[author])
    tagged = make_article(title="خبر عادي", tags=["الذكاء الاصطناعي"])
    assert found("سلمى بناني") == [by_author]
    assert found("الذكاء الاصطناعي") == [tagged]


def test_the_page_shows_query_count_title_section_date_and_snippet(client, make_article):
    article = make_article(
        title="فيضانات في الشمال",
        excerpt="السلطات تجلي السكان بعد فيضانات مفاجئة.",
        published_at=timezone.make_aware(timezone.datetime(2024, 3, 9, 12)),
    )
    response = client.get(URL, {"q": "فيضانات"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="فيضانات"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert article.get_absolute_url() in html
    assert article.category.name in html
    assert "2024" in html
    assert "<mark>فيضانات</mark> مفاجئة" in html
    assert response.context["total"] == 1


def test_matched_words_are_marked_in_their_written_form(client, make_article):
    make_article(title="تقرير", excerpt="وصل الوفد بالمغرب أمس، والمغرب يرحب.")
    html = client.get(URL, {"q": "المغرب"}).content.decode()
    assert "<mark>بالمغرب</mark>" in html
    assert "<mark>والمغرب</mark>" in html


def test_titles_and_snippets_are_escaped_around_the_marks(client, make_article):
    make_article(
        title="<script>alert('x')</script> فيضانات",
        excerpt="<img src=x onerror=alert(1)> فيضانات & أمطار",
    )
    html = client.get(URL, {"q": "فيضانات"}).content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt; <mark>فيضانات</mark> &amp; أمطار" in html


def test_a_query_with_html_is_shown_back_escaped(client, make_article):
    make_article(title="فيضانات")
    html = client.get(URL, {"q": '"><script>x</script> فيضانات'}).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_no_results_shows_a_message_and_keeps_the_query(client, make_article):
    make_article(title="فيضانات")
    response = client.get(URL, {"q": "كسوف"})
    assert response.status_code == 200
    assert response.context["hits"] == []
    assert 'value="كسوف"' in response.content.decode()
    assert 'class="search-empty"' in response.content.decode()


def test_an_empty_query_shows_the_search_form_only(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.context["page_obj"] is None


def test_results_are_paginated_by_twenty_and_links_keep_the_query(client, make_article):
    for n in range(25):
        make_article(title=f"مباراة رقم {n}", published_at=ago(n + 1))
    first = client.get(URL, {"q": "مباراة"})
    assert len(first.context["hits"]) == 20
    html = first.content.decode()
    assert "?q=%D9%85%D8%A8%D8%A7%D8%B1%D8%A7%D8%A9&amp;page=2" in html
    second = client.get(URL, {"q": "مباراة", "page": 2})
    assert len(second.context["hits"]) == 5
    assert "page=1" in second.content.decode()
    titles = [h.article.title for h in first.context["hits"] + second.context["hits"]]
    assert titles == [f"مباراة رقم {n}" for n in range(25)]


# Queue check; on PostgreSQL the candidates, one query per window of recent documents
# (at most three, query.CANDIDATE_WINDOWS) under their own SET LOCAL and savepoint; the
# page with its total (again under SET LOCAL), the page's bodies; the fragments'
# generation and the sections menu. Savepoints count here because tests run inside a
# transaction.
MAX_QUERIES = 14


@pytest.mark.parametrize("count", [1, 3, 25])
def test_the_results_page_uses_a_fixed_number_of_queries(
    client, make_article, author, django_assert_max_num_queries, count
):
    for n in range(count):
        make_article(
            title=f"قمة المناخ {n}",
            tags=["المناخ", "البيئة"],
            authors=[author],
            published_at=ago(n),
        )
    client.get(URL, {"q": "قمة المناخ"})  # warm caches (ticker, sessions)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(URL, {"q": "قمة المناخ"})
    assert len(response.context["hits"]) == min(count, 20)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL ranks candidates")
def test_a_very_common_word_ranks_recent_matches_and_old_title_matches(
    client, make_article, monkeypatch
):
    monkeypatch.setattr("search.query.CANDIDATES", 2)
    old_title = make_article(title="الأمطار في الشمال", published_at=ago(400))
    for n in range(4):
        make_article(title=f"خبر {n}", body="<p>تساقطت الأمطار.</p>", published_at=ago(n + 1))
    response = client.get(URL, {"q": "الأمطار"})
    hits = [hit.article for hit in response.context["hits"]]
    assert hits[0] == old_title
    assert len(hits) == 3  # the title match and the two most recent others
    assert response.context["more_matches"] is True
    assert "search-count" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL ranks candidates")
def test_the_most_recent_matches_are_found_however_wide_the_window(
    client, make_article, monkeypatch
):
    monkeypatch.setattr("search.query.CANDIDATES", 2)
    ages = [500, 2, 100, 900]  # one in the last month, one in the last year, two older
    stories = {
        age: make_article(title="خبر", body="<p>موسم الزيتون</p>", published_at=ago(age))
        for age in ages
    }
    hits = [hit.article for hit in client.get(URL, {"q": "الزيتون"}).context["hits"]]
    assert hits == [stories[2], stories[100]]  # as if every match had been sorted


def test_a_snippet_is_a_short_passage_around_the_match(make_article):
    from search.highlight import snippet

    words = " ".join(f"كلمة{n}" for n in range(300))
    article = make_article(title="تقرير", body=f"<p>{words} الزلزال {words}</p>")
    html = snippet(article, {"زلزال"})
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>الزلزال</mark>" in html
    assert len(html.split()) < 60


def test_a_page_past_the_end_shows_the_last_page(client, make_article):
    for n in range(25):
        make_article(title=f"مباراة رقم {n}", published_at=ago(n + 1))
    response = client.get(URL, {"q": "مباراة", "page": 99})
    assert response.context["page_obj"].number == 2
    assert len(response.context["hits"]) == 5
    assert response.context["total"] == 25


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL ranks candidates")
@pytest.mark.parametrize(("matching", "more"), [(2, False), (3, True)])
def test_the_page_says_more_matched_only_beyond_what_was_ranked(
    client, make_article, monkeypatch, matching, more
):
    monkeypatch.setattr("search.query.CANDIDATES", 2)
    for n in range(matching):
        make_article(title=f"موسم الزيتون {n}", published_at=ago(n + 1))
    make_article(title="خبر آخر", published_at=ago(1))
    response = client.get(URL, {"q": "الزيتون"})
    assert len(response.context["hits"]) == 2
    assert response.context["more_matches"] is more


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL ranks candidates")
@pytest.mark.parametrize("together", [3, 1000])
def test_one_lookup_for_every_kind_finds_what_one_lookup_per_kind_finds(
    client, make_article, monkeypatch, together
):
    # The first window's matches are read once, flagged per kind; where the newest few
    # (TOGETHER) hold too few title matches, those are looked up on their own.
    monkeypatch.setattr("search.query.CANDIDATES", 2)
    monkeypatch.setattr("search.query.TOGETHER", together)
    for n in range(6):
        body = "<p>موسم الزيتون في الجبل</p>"
        make_article(title=f"خبر {n}", body=body, published_at=ago(n + 1))
    titled = [make_article(title=f"الزيتون {n}", published_at=ago(n + 10)) for n in range(3)]
    make_article(title="الزيتون والجبل", published_at=ago(200))
    queries = ["الزيتون", "الزيتون الجبل"]

    def hits() -> dict[str, list[int]]:
        return {
            q: [hit.article.pk for hit in client.get(URL, {"q": q}).context["hits"]]
            for q in queries
        }

    together_found = hits()
    assert together_found["الزيتون"][:2] == [titled[0].pk, titled[1].pk]  # titles first
    monkeypatch.setattr(
        "search.query._newest_together", lambda matches, limit: ({}, dict(matches), False)
    )
    assert hits() == together_found
