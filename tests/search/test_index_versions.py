"""Only a newer version of an article may overwrite its search document.

The race from the report: a search applies the change queue and reads an article's text;
an editor saves the article (the save indexes the new text); the search then writes the
document it built from the old text. The queue is empty afterwards, so nothing would ever
repair it. The interleaving is reproduced exactly by saving the article from inside the
consumer, after it has read its rows and before it writes.
"""

import threading

import pytest
from django.db import connection
from django.utils.timezone import now

from articles.models import Article
from search import indexing
from search.indexing import process_queue, rebuild_all
from search.models import PendingArticle, SearchDocument


def document(article: Article) -> SearchDocument:
    return SearchDocument.objects.get(article=article)


@pytest.fixture
def queued(make_article):
    """An article whose change (by update(), so no signal) waits in the queue."""
    article = make_article(title="الحكومة تعلن")
    Article.objects.filter(pk=article.pk).update(title="نص قديم في الطابور")
    assert PendingArticle.objects.filter(article_id=article.pk).exists()
    return Article.objects.get(pk=article.pk)


@pytest.mark.django_db
def test_an_editors_save_during_a_queue_run_is_not_overwritten(queued, monkeypatch):
    analyse = indexing.index_text
    saved = []

    def save_meanwhile(text: str) -> str:
        if not saved:  # the consumer has read its rows: the editor saves now
            saved.append(True)
            editor_copy = Article.objects.get(pk=queued.pk)
            editor_copy.title = "نص المحرر الجديد"
            editor_copy.save()  # its signal indexes the new text at once
        return analyse(text)

    monkeypatch.setattr(indexing, "index_text", save_meanwhile)
    assert process_queue() == 1
    monkeypatch.setattr(indexing, "index_text", analyse)

    current = Article.objects.get(pk=queued.pk)
    assert current.title == "نص المحرر الجديد"
    assert document(current).article_version == current.version
    assert "محرر" in document(current).title_text
    assert "طابور" not in document(current).title_text
    assert not PendingArticle.objects.filter(article_id=queued.pk).exists()


@pytest.mark.django_db
def test_an_older_read_never_replaces_a_newer_document(make_article):
    article = make_article(title="الصيغة الأولى")
    old = Article.objects.get(pk=article.pk)
    article.title = "الصيغة الثانية"
    article.save()
    stale = SearchDocument(
        article_id=old.pk, article_version=old.version, title_text=" صيغ اول ", updated_at=now()
    )
    indexing._upsert([stale], force=False)
    assert document(article).title_text != " صيغ اول "
    assert document(article).article_version == article.version


@pytest.mark.django_db
def test_a_change_without_a_new_version_still_reaches_the_document(make_article):
    article = make_article(title="المنتخب الوطني", tags=["رياضة"])
    article.tags.add("كرة القدم")  # same version, new tags
    assert "كر" in document(article).meta_text or "كره" in document(article).meta_text


@pytest.mark.django_db
def test_the_full_rebuild_repairs_a_version_that_went_backwards(make_article):
    article = make_article(title="عنوان جديد")
    newer = document(article).article_version
    # A raw restore of an old row (no save(), an older version number).
    Article.objects.filter(pk=article.pk).update(title="عنوان مسترجع", version=newer - 10)
    process_queue()
    assert "مسترجع" not in document(article).title_text  # the guard keeps the newer one
    rebuild_all()
    assert "مسترجع" in document(article).title_text


@pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="two concurrent writers need PostgreSQL (SQLite has one writer at a time)",
)
def test_two_real_transactions_interleaved(committed_article):
    """The same race with two connections: the consumer's transaction reads the old text,
    the editor's transaction commits the new one, then the consumer commits."""
    article = committed_article(title="قبل التعديل")
    Article.objects.filter(pk=article.pk).update(title="قراءة قديمة")
    read, saved = threading.Event(), threading.Event()
    analyse = indexing.index_text
    errors: list[BaseException] = []

    def slow_analyse(text: str) -> str:
        if threading.current_thread().name == "consumer" and not read.is_set():
            read.set()
            saved.wait(10)
        return analyse(text)

    def consumer() -> None:
        try:
            process_queue()
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    indexing.index_text = slow_analyse
    try:
        thread = threading.Thread(target=consumer, name="consumer")
        thread.start()
        assert read.wait(10)
        editor_copy = Article.objects.get(pk=article.pk)
        editor_copy.title = "بعد التعديل"
        editor_copy.save()
        saved.set()
        thread.join(20)
    finally:
        indexing.index_text = analyse
    assert not errors, errors
    current = Article.objects.get(pk=article.pk)
    assert document(current).article_version == current.version
    assert "تعديل" in document(current).title_text
    assert "قراء" not in document(current).title_text
