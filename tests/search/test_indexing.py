"""The search documents follow every change, whichever path it takes."""

import pytest
from django.core.management import call_command
from django.db import connection

from articles.models import Article, Author, Tag
from search.indexing import process_queue
from search.models import PendingArticle, SearchDocument
from search.query import search_articles
from tests.conftest import bulk_articles


def found(query: str) -> list[Article]:
    return search_articles(query).fetch()


def test_saving_an_article_writes_its_document_at_once(make_article, author):
    article = make_article(
        title="الإرهاب",
        excerpt="ملخص",
        body="<p>نص <b>غامق</b></p>",
        tags=["أمن"],
        authors=[author],
    )
    document = SearchDocument.objects.get(article=article)
    assert document.title_text == " ارهاب "
    assert "غامق" in document.body_text and "<b>" not in document.body_text
    assert "سلم" in document.meta_text and "امن" in document.meta_text
    assert not PendingArticle.objects.exists()


def test_editing_an_article_updates_its_document(make_article):
    article = make_article(title="مهرجان السينما")
    article.title = "معرض الكتاب"
    article.save()
    assert found("معرض") == [article]
    assert found("مهرجان") == []


def test_changing_tags_and_authors_updates_the_document(make_article, author):
    article = make_article(title="خبر")
    article.tags.add("الرياضة")
    assert found("الرياضة") == [article]
    article.tags.clear()
    assert found("الرياضة") == []
    author.articles.add(article)  # from the other side of the relation
    assert found("بناني") == [article]
    article.authors.remove(author)
    assert found("بناني") == []


def test_renaming_a_tag_or_an_author_updates_their_articles(make_article, author):
    article = make_article(title="خبر", tags=["الطقس"], authors=[author])
    tag = Tag.objects.get(name="الطقس")
    tag.name = "المناخ"
    tag.save()
    author.name = "ليلى الفاسي"
    author.save()
    assert found("المناخ") == [article]
    assert found("الفاسي") == [article]
    assert found("بناني") == []


def test_deleting_an_article_removes_its_document(make_article):
    article = make_article(title="خبر للحذف")
    article.delete()
    assert not SearchDocument.objects.exists()
    assert found("للحذف") == []


def test_deleting_a_tag_updates_the_articles_that_had_it(make_article):
    article = make_article(title="خبر", tags=["الطقس"])
    Tag.objects.get(name="الطقس").delete()
    assert found("الطقس") == []
    assert SearchDocument.objects.get(article=article).meta_text == ""


def test_a_queryset_update_is_caught_by_the_database_and_indexed_by_the_next_search(
    make_article,
):
    article = make_article(title="عنوان قديم")
    Article.objects.filter(pk=article.pk).update(title="الهيدروجين الأخضر", body="<p>طاقة</p>")
    assert PendingArticle.objects.filter(article_id=article.pk).exists()
    assert found("الهيدروجين") == [article]
    assert found("قديم") == []
    assert not PendingArticle.objects.exists()


def test_bulk_created_articles_are_found(category):
    bulk_articles(category, 3, title="سد جديد", slug="dam")
    assert SearchDocument.objects.count() == 0
    assert len(found("السد")) == 3


def test_link_rows_written_without_signals_are_caught(make_article, author):
    article = make_article(title="خبر")
    Article.authors.through.objects.bulk_create(
        [Article.authors.through(article_id=article.pk, author_id=author.pk)]
    )
    Author.objects.filter(pk=author.pk).update(name="نادية الإدريسي")
    assert found("الإدريسي") == [article]


def test_a_raw_save_is_queued_and_indexed(make_article):
    # What fixtures and restored revisions do: save_base(raw=True), no signal handling.
    article = make_article(title="قديم")
    article.title = "زيارة رسمية"
    Article.save_base(article, raw=True)
    assert found("رسمية") == [article]


def test_a_status_change_alone_does_not_queue_work(make_article):
    article = make_article(title="خبر", status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.ARCHIVED)
    assert not PendingArticle.objects.exists()


def test_the_queue_is_consumed_in_bounded_batches(make_article):
    articles = [make_article(title=f"قطار {n}") for n in range(5)]
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(body="<p>السكك</p>")
    assert process_queue(limit=2) == 2
    assert PendingArticle.objects.count() == 3
    assert process_queue(limit=10) == 3
    assert not PendingArticle.objects.exists()


def test_the_rebuild_command_indexes_every_article_and_empties_the_queue(make_article, capsys):
    articles = [make_article(title=f"ميناء {n}") for n in range(3)]
    SearchDocument.objects.all().delete()
    Article.objects.filter(pk=articles[0].pk).update(title="ميناء طنجة المتوسط")
    call_command("rebuild_search_index", batch_size=2)
    assert SearchDocument.objects.count() == 3
    assert not PendingArticle.objects.exists()
    assert "Indexed 3 articles" in capsys.readouterr().out
    assert SearchDocument.objects.get(article=articles[0]).title_text == " مين طنج متوسط "


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_keeps_a_weighted_vector_with_a_gin_index(make_article):
    article = make_article(title="المغرب", excerpt="الرباط", body="<p>طنجة</p>")
    vector = SearchDocument.objects.get(article=article).vector
    assert "'مغرب':1A" in vector and "'رباط':2B" in vector and "'طنج':3C" in vector
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s", ["search_searchdocument"]
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert any("USING gin (vector)" in d for d in definitions), definitions


def test_the_command_can_empty_just_the_queue(make_article, capsys):
    articles = [make_article(title=f"واحة {n}") for n in range(3)]
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(title="واحات الجنوب")
    call_command("rebuild_search_index", pending=True, batch_size=2)
    assert not PendingArticle.objects.exists()
    assert "Indexed 3 articles" in capsys.readouterr().out
    assert SearchDocument.objects.filter(title_text__contains=" واح جنوب ").count() == 3
