"""Importing an Arabic newsroom's WordPress 6 export (tests/wordpress/data/arabic-export.xml)."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from PIL import Image

from articles.models import Article, Author, Category, Gallery, Photo, Tag
from wordpress.models import ImportedAttachment, ImportedPost, LegacyPath, Site

pytestmark = pytest.mark.django_db


def imported(wp_id: int) -> Article:
    return Article.objects.get(wordpress_post__wp_id=wp_id)


def test_the_export_imports_with_the_expected_counts(import_arabic):
    summary = import_arabic()

    assert "Posts: 10 imported, 0 updated, 0 unchanged, 0 refused." in summary
    assert "Skipped: " in summary
    for skipped in ("pages 1", "menu items 1", "private status 1", "trash status 1"):
        assert skipped in summary
    assert "Comments skipped: 1." in summary
    assert "Missing media (2):" in summary
    assert "2024/06/missing.jpg" in summary and "2019/01/lost.jpg" in summary
    assert "Image refused: 2023/07/broken.jpg" in summary
    assert "Shortcodes removed (text kept): " in summary and "vc_row 1" in summary
    assert Article.objects.count() == 10
    assert not Article.objects.filter(title__in=["ملاحظات داخلية", "خبر محذوف", "من نحن"]).exists()
    # Published: 101-104, 111, 112, 114; 107 is scheduled for 2031; 105 draft, 106 pending.
    assert Article.objects.published().count() == 7
    assert Site.objects.get().base_url == "https://akhbar.example.ma"


def test_statuses_follow_wordpress(import_arabic):
    import_arabic()

    assert imported(105).status == Article.Status.DRAFT
    assert imported(105).published_at is None
    assert imported(106).status == Article.Status.REVIEW
    scheduled = imported(107)
    assert scheduled.is_scheduled
    assert scheduled.published_at.year == 2031
    assert not Article.objects.published().filter(pk=scheduled.pk).exists()


def test_dates_come_from_post_date_gmt(import_arabic):
    import_arabic()

    # 09:30 in Casablanca (post_date) is 08:30 UTC (post_date_gmt).
    assert imported(101).published_at.isoformat() == "2024-05-20T08:30:00+00:00"


def test_arabic_slugs_are_decoded_and_kept(import_arabic):
    import_arabic()

    assert imported(101).slug == "تراجع-أسعار-الخضر"
    assert imported(101).get_absolute_url() == "/article/" + quote("تراجع-أسعار-الخضر") + "/"
    # A post whose slug another has already taken gets a numbered one.
    assert imported(111).slug == "حفل-التخرج"
    assert imported(112).slug == "حفل-التخرج-2"


def test_sections_tags_and_bylines(import_arabic):
    import_arabic()
    article = imported(101)

    # «فلاحة» is a child of «اقتصاد»: the article goes to the top section and keeps the
    # child as a tag.
    assert article.category.name == "اقتصاد"
    assert article.category.slug == "اقتصاد"
    assert article.category.description == "أخبار المال والأعمال في الجهة"
    assert sorted(article.tags.names()) == sorted(["المغرب", "الأمطار", "فلاحة"])
    assert not Category.objects.filter(name="فلاحة").exists()
    assert [a.name for a in article.authors.all()] == ["سلمى العلوي"]
    assert [a.name for a in imported(102).authors.all()] == ["يوسف التازي"]
    # Bylines only: no login was created.
    assert Author.objects.filter(user__isnull=False).count() == 0


def test_the_featured_image_passes_the_image_gate(import_arabic):
    import_arabic()
    article = imported(101)

    assert article.image.name.startswith("articles/2024/05/")
    assert article.image.name.endswith(".jpg") and "vegetables" not in article.image.name
    assert (article.image_width, article.image_height) == (800, 533)
    assert article.image_caption == "خضر طازجة في سوق المدينة"
    with default_storage.open(article.image.name) as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif()


def test_a_missing_or_refused_image_leaves_the_article_without_it(import_arabic):
    import_arabic()

    assert not imported(106).image  # _thumbnail_id points at a file not in the folder
    assert not imported(111).image  # the file is not an image
    assert ImportedAttachment.objects.get(wp_id=210).stored == ""


def test_one_stored_copy_per_attachment(import_arabic):
    import_arabic()

    # Attachment 203 is both the featured image and a gallery photo of post 102.
    article = imported(102)
    assert article.image.name in {photo.image.name for photo in article.gallery.photos.all()}


def test_gallery_shortcode_becomes_the_article_gallery_in_its_order(import_arabic):
    import_arabic()
    article = imported(102)

    assert article.kind == Article.Kind.GALLERY
    photos = list(article.gallery.photos.all())
    assert [photo.caption for photo in photos] == [
        "الجمهور في الساحة",
        "فرقة أحيدوس على المنصة",
        "عازف على آلة الرباب",
    ]
    assert photos[0].image.name.endswith(".png")
    assert article.gallery.title == article.title
    assert "[gallery" not in article.body


def test_a_video_post_becomes_a_video_story(import_arabic, client):
    import_arabic()
    article = imported(103)

    assert article.kind == Article.Kind.VIDEO
    assert article.video_url == "https://www.youtube.com/watch?v=a1B2c3D4e5F"
    assert "youtube" not in article.body and "<figure" not in article.body
    assert "فاز الفريق المحلي" in article.body
    response = client.get(article.get_absolute_url())
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/a1B2c3D4e5F"' in (
        response.content.decode()
    )


def test_a_video_inside_a_story_becomes_an_allowed_embed(import_arabic):
    import_arabic()
    body = imported(104).body

    assert '<iframe src="https://www.youtube-nocookie.com/embed/Zy9Xw8Vu7T6"' in body
    assert imported(104).kind == Article.Kind.STORY


def test_bodies_are_converted_and_sanitised(import_arabic):
    import_arabic()
    body = imported(101).body

    # Paragraphs from blank lines, a line break from a single newline.
    assert body.startswith("<p>عرفت أسواق الخضر")
    assert "الماضي.<br>" in body
    # [caption] → figure; the image is this site's copy, without srcset.
    assert "<figure>" in body and "<figcaption>سوق الخضر صباح الإثنين</figcaption>" in body
    stored = ImportedAttachment.objects.get(wp_id=202).stored
    assert f'src="{default_storage.url(stored)}"' in body
    assert "srcset" not in body and "akhbar.example.ma/wp-content" not in body
    # A page-builder shortcode is removed and its text kept; a bracketed word is no shortcode.
    assert "[vc_" not in body and "وتتوقع المصالح المختصة" in body
    assert "[تحديث: أرقام رسمية منتظرة]" in body
    # A link to the old site becomes relative, so the redirects here answer it.
    assert 'href="/2024/05/18/' in body and "akhbar.example.ma" not in body

    block = imported(104).body
    assert "<!--" not in block and "wp:paragraph" not in block
    assert "<script" not in block and "onclick" not in block and "نص بعد الشفرة" in block
    assert "lost.jpg" not in block  # an old-site image that was not found is left out


def test_notes_for_the_editors(import_arabic):
    import_arabic()

    sticky = ImportedPost.objects.get(wp_id=101)
    assert sticky.sticky
    assert "مثبت" in sticky.note or "مثبّت" in sticky.note
    untitled = imported(114)
    assert untitled.title.startswith("المجلس البلدي يصادق على مشروع")
    assert ImportedPost.objects.get(wp_id=114).note


def test_imported_articles_are_found_by_search(import_arabic, client):
    import_arabic()

    response = client.get("/search/", {"q": "أسعار الخضر"})
    assert imported(101).get_absolute_url() in response.content.decode()
    response = client.get("/search/", {"q": "الفنون الشعبية"})
    assert imported(102).get_absolute_url() in response.content.decode()
    # A scheduled story is not found before its time.
    response = client.get("/search/", {"q": "الدخول المدرسي"})
    assert imported(107).get_absolute_url() not in response.content.decode()


def test_create_logins_gives_each_author_a_journalist_account(import_arabic):
    import_arabic("--create-logins")

    salma = Author.objects.get(name="سلمى العلوي")
    user = salma.user
    assert user.username == "salma"
    assert user.email == "salma@akhbar.example.ma"
    assert user.is_staff and not user.has_usable_password()
    assert user.groups.filter(name="Journalists").exists()
    assert User.objects.get(username="y.tazi").author.name == "يوسف التازي"


def test_dry_run_writes_nothing(import_arabic, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    summary = import_arabic("--dry-run")

    assert "Posts: 10 would be imported" in summary
    assert "Dry run: nothing was written." in summary
    assert Article.objects.count() == 0
    for model in (Site, ImportedAttachment, ImportedPost, LegacyPath, Category, Tag, Author):
        assert model.objects.count() == 0, model
    assert Gallery.objects.count() == 0 and Photo.objects.count() == 0
    assert not (tmp_path / "media").exists()


def test_the_admin_lists_imported_posts_with_their_notes(import_arabic, client, superuser):
    import_arabic()
    client.force_login(superuser)

    response = client.get("/admin/wordpress/importedpost/", {"note": "yes"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "تراجع أسعار الخضر بعد أمطار الربيع" in page  # sticky: noted
    assert "افتتاح معرض الكتاب الجهوي" not in page  # nothing to note
    assert client.get("/admin/wordpress/legacypath/", {"q": "/?p=101"}).status_code == 200
    assert client.get("/admin/wordpress/importedpost/add/").status_code == 403


def test_every_imported_page_renders(import_arabic, client):
    import_arabic()

    urls = [a.get_absolute_url() for a in Article.objects.published()]
    urls += [c.get_absolute_url() for c in Category.objects.all()]
    urls += [t.get_absolute_url() for t in Tag.objects.all()]
    urls += [a.get_absolute_url() for a in Author.objects.all()]
    for url in [*urls, "/", "/feed/", "/sitemap.xml"]:
        assert client.get(url).status_code == 200, url


def test_the_update_time_is_the_last_change_on_wordpress(import_arabic, client):
    import_arabic()
    article = imported(101)

    # post_modified_gmt equals the publication time in the export: no «Updated» line.
    assert article.updated_at == article.published_at
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'class="updated"' not in page
