"""Safe to run twice, and to stop: re-runs, changed exports and interrupted imports."""

import pytest

from articles.models import Article, Author, Category, Gallery, Photo, Tag
from tests.wordpress.conftest import ARABIC_EXPORT, NEWS, draw_image, post_xml, run_import, wxr
from wordpress import importer
from wordpress.models import ImportedAttachment, ImportedPost, LegacyPath

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Everything an import writes, as comparable values."""
    return {
        "articles": sorted(
            Article.objects.values_list("pk", "version", "updated_at", "slug", "body", "image")
        ),
        "paths": sorted(LegacyPath.objects.values_list("path", "article_id", "tag_id")),
        "attachments": sorted(ImportedAttachment.objects.values_list("wp_id", "stored")),
        "counts": [
            m.objects.count() for m in (Category, Tag, Author, Gallery, Photo, ImportedPost)
        ],
    }


def test_a_second_run_changes_nothing(import_arabic):
    import_arabic()
    before = snapshot()

    summary = import_arabic()

    assert "Posts: 0 imported, 0 updated, 10 unchanged, 0 refused." in summary
    assert "Old addresses: 0 added" in summary
    assert snapshot() == before


def test_an_editors_change_survives_a_rerun_of_the_same_export(import_arabic):
    import_arabic()
    article = Article.objects.get(wordpress_post__wp_id=101)
    article.title = "عنوان عدلته هيئة التحرير"
    article.save()

    import_arabic()

    article.refresh_from_db()
    assert article.title == "عنوان عدلته هيئة التحرير"


def test_a_changed_post_is_updated_in_place(import_arabic, uploads, tmp_path, client):
    import_arabic()
    article = Article.objects.get(wordpress_post__wp_id=101)
    old_url = article.get_absolute_url()
    changed = tmp_path / "changed.xml"
    changed.write_text(
        ARABIC_EXPORT.read_text(encoding="utf-8").replace(
            "تراجع أسعار الخضر بعد <em>أمطار</em> الربيع", "أسعار الخضر تواصل التراجع"
        ),
        encoding="utf-8",
    )

    summary = run_import(changed, "--media", str(uploads))

    assert "Posts: 0 imported, 1 updated, 9 unchanged, 0 refused." in summary
    article.refresh_from_db()
    assert article.title == "أسعار الخضر تواصل التراجع"
    assert article.get_absolute_url() == old_url  # the slug is kept
    assert Article.objects.count() == 10
    assert client.get("/?p=101")["Location"] == old_url


def test_an_image_supplied_later_is_picked_up(import_arabic, uploads):
    import_arabic()
    assert not Article.objects.get(wordpress_post__wp_id=106).image
    draw_image(uploads / "2024/06/missing.jpg")

    summary = import_arabic()

    assert "1 updated" in summary
    assert Article.objects.get(wordpress_post__wp_id=106).image


def test_an_interrupted_import_keeps_whole_batches_and_finishes_on_the_next_run(
    db, uploads, monkeypatch
):
    real = importer.Importer._import_one
    calls = {"n": 0}

    def interrupt_on_the_fifth_post(self, item, existing):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(self, item, existing)

    monkeypatch.setattr(importer.Importer, "_import_one", interrupt_on_the_fifth_post)
    summary = run_import(ARABIC_EXPORT, "--media", str(uploads), "--batch-size", "2")

    assert "Interrupted: run the same command again to finish." in summary
    # Two batches of two were committed; the third was rolled back whole.
    assert Article.objects.count() == 4
    assert ImportedPost.objects.count() == 4
    assert set(LegacyPath.objects.exclude(article=None).values_list("article", flat=True)) == set(
        Article.objects.values_list("pk", flat=True)
    )

    monkeypatch.setattr(importer.Importer, "_import_one", real)
    summary = run_import(ARABIC_EXPORT, "--media", str(uploads))

    assert "Posts: 6 imported, 0 updated, 4 unchanged, 0 refused." in summary
    assert Article.objects.count() == 10


def test_two_exports_of_the_same_site_share_ids(db, write_export):
    first = write_export(wxr(post_xml(7, title="الخبر الأول", slug="first", extra=NEWS)), "a.xml")
    second = write_export(
        wxr(
            post_xml(7, title="الخبر الأول بعد التعديل", slug="first", extra=NEWS),
            post_xml(8, title="خبر ثان", slug="second", extra=NEWS),
        ),
        "b.xml",
    )
    run_import(first)

    summary = run_import(second)

    assert "Posts: 1 imported, 1 updated, 0 unchanged" in summary
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "الخبر الأول بعد التعديل",
        "خبر ثان",
    ]


def test_the_same_post_id_from_another_site_is_another_article(db, write_export):
    run_import(write_export(wxr(post_xml(7, slug="a", extra=NEWS)), "a.xml"))
    other = wxr(post_xml(7, slug="b", extra=NEWS), site="https://other.example.org")

    run_import(write_export(other, "b.xml"))

    assert Article.objects.count() == 2


def test_a_yoast_primary_category_becomes_the_section(db, write_export):
    categories = (
        '\n    <category domain="category" nicename="news"><![CDATA[أخبار]]></category>'
        '\n    <category domain="category" nicename="sport"><![CDATA[رياضة]]></category>'
        "\n    <wp:postmeta><wp:meta_key>_yoast_wpseo_primary_category</wp:meta_key>"
        "<wp:meta_value>4</wp:meta_value></wp:postmeta>"
    )
    sport = (
        "<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>sport"
        "</wp:category_nicename><wp:category_parent></wp:category_parent>"
        "<wp:cat_name>رياضة</wp:cat_name></wp:category>"
    )
    text = wxr(post_xml(1, extra=categories)).replace("<wp:category>", sport + "<wp:category>", 1)

    run_import(write_export(text))

    article = Article.objects.get()
    assert article.category.name == "رياضة"
    assert list(article.tags.names()) == ["أخبار"]
