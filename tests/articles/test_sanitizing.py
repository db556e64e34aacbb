"""No HTML that could run script reaches a reader, whatever path stored it."""

import pytest

from articles.models import Article
from articles.sanitize import clean_html
from tests.desk.admin_forms import change_url, form_data

pytestmark = pytest.mark.django_db

HOSTILE = [
    ('<p>نص</p><script>alert("x")</script>', "<script"),
    ('<p onclick="alert(1)">نص</p>', "onclick"),
    ('<img src="x.png" onerror="alert(1)">', "onerror"),
    ('<a href="javascript:alert(1)">رابط</a>', "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">رابط</a>', "avascript:"),
    ('<iframe src="https://evil.example/embed"></iframe>', "evil.example"),
    ('<iframe src="javascript:alert(1)"></iframe>', "javascript:"),
    ("<svg><script>alert(1)</script></svg>", "<svg"),
    ("<style>body{display:none}</style>", "<style"),
    ('<p style="background:url(javascript:alert(1))">x</p>', "style="),
    ('<form action="https://evil.example"><input name="q"></form>', "<form"),
    ('<object data="x.swf"></object>', "<object"),
    ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', "data:"),
]


@pytest.mark.parametrize(("html", "forbidden"), HOSTILE)
def test_the_allow_list_removes_anything_that_could_run(html, forbidden):
    assert forbidden.lower() not in clean_html(html).lower()


def test_news_markup_survives():
    html = (
        "<h2>عنوان</h2><p><strong>مهم</strong> و<em>مائل</em></p><ul><li>بند</li></ul>"
        "<blockquote><p>قول</p></blockquote>"
        '<figure><img src="/media/editor/a.jpg" alt="صورة"><figcaption>شرح</figcaption></figure>'
        '<iframe src="https://www.youtube-nocookie.com/embed/abc123"></iframe>'
        "<table><tbody><tr><td>1</td></tr></tbody></table>"
    )
    cleaned = clean_html(html)
    for fragment in ["<h2>", "<strong>", "<em>", "<ul>", "<blockquote>", "<figure>",
                     'src="/media/editor/a.jpg"', "<figcaption>", "youtube-nocookie.com/embed",
                     "<table>"]:  # fmt: skip
        assert fragment in cleaned


def test_links_get_a_safe_rel():
    cleaned = clean_html('<a href="https://example.org">x</a><a href="mailto:a@b.ma">m</a>')
    assert 'rel="noopener noreferrer nofollow"' in cleaned
    assert 'href="mailto:a@b.ma"' in cleaned


def test_the_admin_form_stores_clean_html_even_from_source_mode(client, editor, make_article):
    article = make_article()
    client.force_login(editor)
    body = '<p>خبر</p><script>alert(1)</script><img src=x onerror="alert(2)">'
    assert client.post(change_url(article), form_data(article, body=body)).status_code == 302
    article.refresh_from_db()
    assert "<script" not in article.body and "onerror" not in article.body
    assert "<p>خبر</p>" in article.body


def test_a_shell_save_stores_clean_html(make_article):
    article = make_article(body='<p onmouseover="x()">نص</p>')
    article.refresh_from_db()
    assert article.body == "<p>نص</p>"


def test_html_that_bypassed_save_is_cleaned_when_rendered(client, make_article):
    article = make_article()
    Article.objects.filter(pk=article.pk).update(
        body='<p>نص</p><script>alert("bulk")</script><a href="javascript:alert(1)">x</a>'
    )
    page = client.get(article.get_absolute_url()).text
    assert 'alert("bulk")' not in page
    assert "javascript:alert" not in page
    assert "<p>نص</p>" in page


def test_plain_text_fields_are_escaped_in_the_page_and_meta_tags(client, make_article):
    article = make_article(
        title='عنوان <script>alert("t")</script>',
        excerpt='"><script>alert("e")</script>',
        image_caption="<b>شرح</b>",
    )
    page = client.get(article.get_absolute_url()).text
    assert '<script>alert("t")</script>' not in page
    assert '"><script>alert("e")</script>' not in page
    assert "&lt;script&gt;" in page


def test_images_in_bodies_come_from_this_site_or_its_media_host(settings):
    # The Content-Security-Policy loads images from these origins only.
    settings.MEDIA_URL = "https://media.example.org/uploads/"
    assert "<img" not in clean_html('<img src="http://tracker.example/p.gif">')
    assert "<img" not in clean_html('<img src="https://cdn.example/a.jpg">')
    kept = clean_html('<img src="https://media.example.org/uploads/a.jpg">')
    assert 'src="https://media.example.org/uploads/a.jpg"' in kept
