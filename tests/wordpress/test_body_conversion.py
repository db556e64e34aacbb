"""WordPress bodies as this site stores them: paragraphs, shortcodes, embeds, links.

``wordpress.content.convert`` is pure: images are resolved by a callback, here one that
knows a single old upload.
"""

import pytest

from articles.sanitize import clean_html
from wordpress import paths
from wordpress.content import autop, convert

OLD = {"old.example.org", "www.old.example.org"}


def resolve(src: str, wp_id: int | None) -> str | None:
    if wp_id == 9 or src.endswith("/2024/05/photo.jpg"):
        return "/media/articles/2024/05/abc.jpg"
    if "old.example.org" in src:
        return None  # one of the old site's images that was not found
    return src


def html(raw: str, **kwargs) -> str:
    """What a reader gets: converted, then sanitised as Article.save does."""
    return clean_html(convert(raw, resolve_image=resolve, old_hosts=OLD, **kwargs).html)


def test_blank_lines_make_paragraphs_and_single_newlines_breaks():
    assert (
        autop("سطر أول\nسطر ثان\n\nفقرة ثانية") == "<p>سطر أول<br>\nسطر ثان</p>\n<p>فقرة ثانية</p>"
    )


def test_block_elements_and_preformatted_text_are_not_wrapped():
    result = autop("<ul>\n<li>أ</li>\n<li>ب</li>\n</ul>\n\n<pre>سطر\n\nسطر</pre>")
    assert "<p>" not in result
    assert "<pre>سطر\n\nسطر</pre>" in result


def test_block_editor_content_keeps_its_markup_without_comments():
    raw = "<!-- wp:paragraph -->\n<p>نص</p>\n<!-- /wp:paragraph -->\n<!-- wp:separator /-->"
    assert html(raw) == "<p>نص</p>"


def test_caption_shortcode_becomes_a_figure():
    raw = (
        '[caption id="attachment_9" align="alignleft" width="300"]'
        '<img class="wp-image-9" src="https://old.example.org/wp-content/uploads/2024/05/'
        'photo-300x200.jpg" width="300" height="200"> صورة <em>السوق</em>[/caption]'
    )
    result = html(raw)
    assert result == (
        '<figure><img src="/media/articles/2024/05/abc.jpg" width="300">'
        "<figcaption>صورة <em>السوق</em></figcaption></figure>"
    )


def test_caption_given_as_an_attribute():
    raw = '[caption caption="تعليق الصورة"]<img src="https://cdn.example.net/a.jpg">[/caption]'
    assert "<figcaption>تعليق الصورة</figcaption>" in html(raw)


@pytest.mark.parametrize(
    ("raw", "ids", "attached"),
    [
        ('[gallery ids="3,1,2"]', [3, 1, 2], False),
        ("[gallery include='5, 6']", [5, 6], False),
        ("[gallery columns=2]", [], True),
        ('[gallery ids="1,2"]\n\n[gallery ids="2,3"]', [1, 2, 3], False),
    ],
)
def test_gallery_shortcodes_give_the_gallery_in_order(raw, ids, attached):
    body = convert(raw, resolve_image=resolve, old_hosts=OLD)
    assert body.gallery_ids == ids
    assert body.gallery_attached is attached
    assert "[gallery" not in body.html


@pytest.mark.parametrize(
    "raw",
    [
        "[embed]https://www.youtube.com/watch?v=abc123XYZ_-[/embed]",
        "[youtube https://youtu.be/abc123XYZ_-]",
        "[youtube=https://www.youtube.com/watch?v=abc123XYZ_-&w=640]",
        "https://www.youtube.com/watch?v=abc123XYZ_-",
        "<p>https://youtu.be/abc123XYZ_-</p>",
    ],
)
def test_video_links_become_privacy_enhanced_embeds(raw):
    result = html(raw)
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc123XYZ_-"' in result
    assert 'title="فيديو"' in result or 'title="Video"' in result


def test_a_lead_video_is_taken_out_for_a_video_story():
    body = convert(
        "https://vimeo.com/123456\n\nنص الخبر", resolve_image=resolve, old_hosts=OLD,
        take_lead_video=True,
    )  # fmt: skip
    assert body.lead_video == "https://vimeo.com/123456"
    assert "vimeo" not in body.html and "نص الخبر" in body.html


def test_dailymotion_is_embedded_by_its_own_player():
    assert "https://www.dailymotion.com/embed/video/x8abc12" in html(
        "https://www.dailymotion.com/video/x8abc12"
    )


def test_other_links_alone_on_a_line_stay_links():
    result = html("قبل\n\nhttps://x.com/someone/status/1\n\nبعد")
    assert '<a href="https://x.com/someone/status/1"' in result


def test_unknown_shortcodes_lose_their_brackets_but_keep_their_text():
    body = convert(
        "[vc_row][vc_column_text]نص داخل المحرر[/vc_column_text][/vc_row]"
        "[su_note]ملاحظة[/su_note][contact-form-7 id=3][custom_box]نص آخر[/custom_box]",
        resolve_image=resolve,
        old_hosts=OLD,
    )
    assert "[" not in body.html
    for text in ("نص داخل المحرر", "ملاحظة", "نص آخر"):
        assert text in body.html
    assert body.removed_shortcodes["vc_row"] == 1
    assert body.removed_shortcodes["contact-form-7"] == 1
    assert body.removed_shortcodes["custom_box"] == 1


@pytest.mark.parametrize("text", ["[sic]", "[1]", "[تحديث]", "[simple boat]", "[[gallery]]"])
def test_bracketed_words_are_not_shortcodes(text):
    result = html(f"قال [{text[1:-1]}] ثم" if text != "[[gallery]]" else text)
    assert "[" in result


def test_links_within_the_old_site_become_relative_and_uploads_become_copies():
    raw = (
        '<a href="https://old.example.org/2024/05/03/slug/?x=1#c">خبر</a> '
        '<a href="https://www.old.example.org/wp-content/uploads/2024/05/photo.jpg">صورة</a> '
        '<a href="https://elsewhere.example/">موقع آخر</a>'
    )
    result = html(raw)
    assert 'href="/2024/05/03/slug/?x=1#c"' in result
    assert 'href="/media/articles/2024/05/abc.jpg"' in result
    assert 'href="https://elsewhere.example/"' in result


def test_images_of_the_old_site_that_were_not_found_are_left_out():
    raw = '<p>نص <img src="https://old.example.org/wp-content/uploads/2019/01/lost.jpg"></p>'
    assert html(raw) == "<p>نص </p>"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/2024/05/%D8%AE%D8%A8%D8%B1/", "/2024/05/خبر"),
        ("/2024/05/%d8%ae%d8%a8%d8%b1", "/2024/05/خبر"),
        ("/Hello-World/", "/hello-world"),
        ("//a///b/", "/a/b"),
        ("/index.php/a/", "/a"),
        ("/a%00b", None),
    ],
)
def test_old_paths_are_stored_in_one_form(given, expected):
    assert paths.normalize(given, encoded=True) == expected


def test_the_forms_of_a_post_address():
    from datetime import datetime

    found = paths.post_paths(
        wp_id=12,
        link="https://old.example.org/2024/05/03/%d8%ae%d8%a8%d8%b1/",
        slugs=["%d8%ae%d8%a8%d8%b1", "old-slug"],
        local_date=datetime(2024, 5, 3, 23, 30),
    )
    assert found == [
        "/?p=12",
        "/2024/05/03/خبر",
        "/خبر",
        "/2024/05/خبر",
        "/old-slug",
        "/2024/05/old-slug",
        "/2024/05/03/old-slug",
    ]
