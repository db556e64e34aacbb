"""Malformed and hostile exports: a clear message, nothing half-written, nothing read.

Every refused file leaves the database as it was: the first pass reads the whole file in
one transaction before any post is written.
"""

import time

import pytest
from django.core.management import CommandError

from articles.models import Article
from tests.wordpress.conftest import NEWS, draw_image, post_xml, run_import, wxr
from wordpress import wxr as wxr_module
from wordpress.models import ImportedAttachment, ImportedPost, LegacyPath, Site

pytestmark = pytest.mark.django_db

SECRET = "SECRET-CONTENT-OF-A-LOCAL-FILE"


def assert_nothing_imported() -> None:
    for model in (Article, Site, ImportedPost, ImportedAttachment, LegacyPath):
        assert model.objects.count() == 0, model


def test_invalid_xml_is_refused_with_its_line(write_export):
    text = wxr(post_xml(1, extra=NEWS), post_xml(2, extra=NEWS))
    broken = text.replace("<wp:post_id>2</wp:post_id>", "<wp:post_id>2</wp:post_ID>")

    with pytest.raises(CommandError, match=r"not well-formed XML \(line \d+, column \d+\)"):
        run_import(write_export(broken))
    assert_nothing_imported()


def test_a_truncated_file_imports_nothing(write_export):
    text = wxr(*(post_xml(i, slug=f"s{i}", extra=NEWS) for i in range(1, 30)))

    with pytest.raises(CommandError, match="not well-formed XML"):
        run_import(write_export(text[: len(text) * 2 // 3]))
    assert_nothing_imported()


def test_an_entity_expansion_bomb_is_refused_unexpanded(write_export):
    bomb = (
        '\n<!DOCTYPE rss [\n <!ENTITY a "aaaaaaaaaa">\n'
        + "".join(
            f' <!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9)
        )
        + "]>"
    )
    text = wxr(post_xml(1, title="&j;", extra=NEWS), prolog=bomb)
    started = time.monotonic()

    with pytest.raises(CommandError, match="document type"):
        run_import(write_export(text))
    assert time.monotonic() - started < 5
    assert_nothing_imported()


@pytest.mark.parametrize("system_id", ["file://{secret}", "{secret}", "http://127.0.0.1:9/x"])
def test_an_external_entity_is_never_read(write_export, tmp_path, system_id):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    prolog = f'\n<!DOCTYPE rss [ <!ENTITY leak SYSTEM "{system_id.format(secret=secret)}"> ]>'
    text = wxr(post_xml(1, title="&leak;", content="&leak;", extra=NEWS), prolog=prolog)

    with pytest.raises(CommandError, match="document type") as error:
        run_import(write_export(text))
    assert SECRET not in str(error.value)
    assert_nothing_imported()


def test_a_post_with_a_ten_megabyte_title_is_refused_alone(write_export):
    text = wxr(
        post_xml(1, title="ع" * (10 * 1024 * 1024), slug="huge", extra=NEWS),
        post_xml(2, title="خبر سليم", slug="fine", extra=NEWS),
    )

    summary = run_import(write_export(text))

    assert "Posts: 1 imported, 0 updated, 0 unchanged, 1 refused." in summary
    assert "Refused: item 1 (post id 1" in summary
    assert "title is 10,485,760 characters long" in summary
    assert list(Article.objects.values_list("title", flat=True)) == ["خبر سليم"]
    assert not LegacyPath.objects.filter(path="/huge").exists()


def test_a_long_title_is_shortened_and_noted(write_export):
    title = " ".join(["كلمة"] * 80)

    run_import(write_export(wxr(post_xml(1, title=title, extra=NEWS))))

    article = Article.objects.get()
    assert len(article.title) <= 200 and article.title.endswith("…")
    assert "اختصر" in article.wordpress_post.note


@pytest.mark.parametrize("date", ["0000-00-00 00:00:00", "2024-02-31 10:00:00", "not a date"])
def test_a_published_post_without_a_readable_date_becomes_a_draft(write_export, date):
    text = wxr(post_xml(1, date=date, date_gmt=date, extra=NEWS))

    summary = run_import(write_export(text))

    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT and article.published_at is None
    assert "تاريخ" in article.wordpress_post.note
    assert "unreadable date → draft 1" in summary


def test_post_date_is_used_when_post_date_gmt_is_empty(write_export):
    text = wxr(post_xml(1, date="2024-05-20 09:30:00", date_gmt="0000-00-00 00:00:00", extra=NEWS))

    run_import(write_export(text))

    # Africa/Casablanca was at UTC+1 on that day.
    assert Article.objects.get().published_at.isoformat() == "2024-05-20T08:30:00+00:00"


def test_a_post_id_that_is_not_a_number_is_refused(write_export):
    text = wxr(post_xml("12abc", extra=NEWS), post_xml(3, slug="ok", extra=NEWS))

    summary = run_import(write_export(text))

    assert "wp:post_id is not a number" in summary
    assert Article.objects.count() == 1


def test_a_post_id_repeated_in_one_export_imports_once(write_export):
    text = wxr(post_xml(5, slug="a", extra=NEWS), post_xml(5, slug="b", extra=NEWS))

    summary = run_import(write_export(text))

    assert "appears twice in the export" in summary
    assert Article.objects.count() == 1


def test_a_file_that_is_not_a_wordpress_export(write_export):
    with pytest.raises(CommandError, match="not a WordPress export"):
        run_import(write_export("<html><body>hello</body></html>"))
    rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'
    with pytest.raises(CommandError, match="not a WordPress export"):
        run_import(write_export(rss))
    with pytest.raises(CommandError, match=r"WXR version 9\.9 is not supported"):
        run_import(write_export(wxr(post_xml(1, extra=NEWS), version="9.9")))
    assert_nothing_imported()


def test_an_empty_file(write_export):
    with pytest.raises(CommandError, match=r"not well-formed XML|empty"):
        run_import(write_export(""))


def test_an_oversized_entry_is_refused_without_holding_it(write_export, monkeypatch):
    monkeypatch.setattr(wxr_module, "MAX_ENTRY_BYTES", 256 * 1024)
    text = wxr(post_xml(1, content="ن" * 300_000, extra=NEWS))

    with pytest.raises(CommandError, match="an entry of the file is larger than"):
        run_import(write_export(text))
    assert_nothing_imported()


def test_an_entry_with_too_many_elements_is_refused(write_export, monkeypatch):
    monkeypatch.setattr(wxr_module, "MAX_ENTRY_ELEMENTS", 1000)
    nested = "".join("<wp:x>" for _ in range(2000)) + "".join("</wp:x>" for _ in range(2000))
    text = wxr(post_xml(1, extra=NEWS + nested))

    with pytest.raises(CommandError, match="more than 1000 elements"):
        run_import(write_export(text))
    assert_nothing_imported()


def attachment_xml(wp_id: int, attached_file: str, parent: int = 1) -> str:
    meta = (
        "\n    <wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key>"
        f"<wp:meta_value>{attached_file}</wp:meta_value></wp:postmeta>"
    )
    return post_xml(wp_id, title="صورة", slug=f"img{wp_id}", status="inherit",
                    post_type="attachment", extra=meta)  # fmt: skip


THUMBNAIL = (
    "\n    <wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
    "<wp:meta_value>50</wp:meta_value></wp:postmeta>"
)


def test_an_attachment_path_cannot_leave_the_media_folder(write_export, tmp_path):
    media = tmp_path / "uploads"
    media.mkdir()
    draw_image(tmp_path / "outside.jpg")
    text = wxr(post_xml(1, extra=NEWS + THUMBNAIL), attachment_xml(50, "../outside.jpg"))

    summary = run_import(write_export(text), "--media", str(media))

    assert not Article.objects.get().image
    assert "Missing media (1):\n  ../outside.jpg\n" in summary


def test_a_symlink_out_of_the_media_folder_is_not_followed(write_export, tmp_path):
    media = tmp_path / "uploads"
    (media / "2024/05").mkdir(parents=True)
    draw_image(tmp_path / "private.jpg")
    (media / "2024/05/photo.jpg").symlink_to(tmp_path / "private.jpg")
    text = wxr(post_xml(1, extra=NEWS + THUMBNAIL), attachment_xml(50, "2024/05/photo.jpg"))

    run_import(write_export(text), "--media", str(media))

    assert not Article.objects.get().image


def test_an_image_bomb_in_the_uploads_is_refused_by_the_image_gate(
    write_export, tmp_path, settings
):
    settings.IMAGE_MAX_PIXELS = 1_000_000
    media = tmp_path / "uploads"
    draw_image(media / "2024/05/huge.png", size=(2000, 2000), fmt="PNG")
    text = wxr(post_xml(1, extra=NEWS + THUMBNAIL), attachment_xml(50, "2024/05/huge.png"))

    summary = run_import(write_export(text), "--media", str(media))

    assert "Image refused: 2024/05/huge.png" in summary
    article = Article.objects.get()
    assert article.is_visible and not article.image


def test_hostile_markup_in_a_body_is_sanitised(write_export):
    body = (
        '<p>نص</p><script>steal()</script><img src="x" onerror="steal()">'
        '<a href="javascript:steal()">رابط</a><iframe src="https://evil.example/"></iframe>'
        "[embed]https://evil.example/player[/embed]"
    )

    run_import(write_export(wxr(post_xml(1, content=body, extra=NEWS))))

    stored = Article.objects.get().body
    for bad in ("<script", "onerror", "javascript:", 'evil.example/"', "<iframe"):
        assert bad not in stored
    assert "نص" in stored


def test_malformed_addresses_in_a_body_do_not_stop_the_import(write_export):
    body = (
        '<p><a href="http://[::1">رابط معطوب</a> <img src="https://[bad/x.jpg"></p>\n\n'
        "https://[oops\n\n[embed]http://[::1[/embed]"
    )
    attachment = post_xml(
        3, slug="img", status="inherit", post_type="attachment",
        extra="\n    <wp:attachment_url>http://[bad/wp-content/uploads/x.jpg</wp:attachment_url>",
    )  # fmt: skip
    text = wxr(
        post_xml(1, content=body, extra=NEWS), post_xml(2, slug="next", extra=NEWS), attachment
    )

    summary = run_import(write_export(text))

    assert "Posts: 2 imported" in summary
    assert "رابط معطوب" in Article.objects.get(wordpress_post__wp_id=1).body
