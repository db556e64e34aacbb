"""URLs in rich text and video fields are judged as a browser reads them (WHATWG parsing).

Each class of trick that makes Python's ``urlsplit`` and Chromium disagree on the host is
tried on frames, images, links and the video address.
"""

import pytest

from articles.sanitize import clean_html, is_site_image_url, is_video_frame_url
from articles.video import player_url
from tests.desk.admin_forms import ADD_URL, form_data

# A browser would load these from a host that is not an allowed video player.
HOSTILE_FRAMES = [
    "https://evil.example\\@www.youtube.com/embed/x",  # the report's: \ is / to a browser
    "https://evil.example\\\\@www.youtube.com/embed/x",
    "https://evil.example%5C@www.youtube.com/embed/x",  # an encoded backslash: credentials
    "https://user:pass@www.youtube.com/embed/x",  # credentials in a frame address
    "https://www.youtube.com.evil.example/embed/x",
    "https://www.youtube.com@evil.example/embed/x",
    "https://evil.example#@www.youtube.com/embed/x",
    "https://evil.example?@www.youtube.com/embed/x",
    "https:evil.example/embed/x",
    "https:/\\evil.example/embed/x",
    "//evil.example/embed/x",
    "/\\evil.example/embed/x",
    "http://www.youtube.com/embed/x",  # not https
    "https://www.youtube.com:8443/embed/x",  # another port
    "https://WWW.YOUTUBE.COM/embed/x",  # not canonical
    " https://www.youtube.com/embed/x",  # leading space
    "https://www.you\ttube.com/embed/x",  # tab removed by browsers
    "https://www.youtube.com/redirect?q=https://evil.example",  # not a player page
    "https://xn--www-youtube-xyz.com/embed/x",
    "https://www.youtube.com./embed/x",  # trailing dot: another host name
    "javascript:alert(1)//https://www.youtube.com/embed/x",
    "data:text/html,<script>alert(1)</script>",
]


@pytest.mark.parametrize("src", HOSTILE_FRAMES)
def test_a_frame_the_browser_would_load_from_elsewhere_is_dropped(src):
    assert not is_video_frame_url(src)
    assert "<iframe" not in clean_html(f'<p>x</p><iframe src="{src}"></iframe>')


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube-nocookie.com/embed/abc123",
        "https://player.vimeo.com/video/123456?dnt=1",
        "https://www.dailymotion.com/embed/video/x8abcd",
    ],
)
def test_a_canonical_player_address_is_kept(src):
    assert is_video_frame_url(src)
    assert f'src="{src}"' in clean_html(f'<iframe src="{src}"></iframe>')


@pytest.mark.parametrize(
    "attributes",
    [
        'allow="camera; microphone; geolocation; display-capture"',
        'sandbox="allow-scripts allow-same-origin allow-top-navigation"',
        'srcdoc="<script>alert(1)</script>"',
        'allow="fullscreen *" allowpaymentrequest',
        'referrerpolicy="unsafe-url"',
        'csp="script-src *"',
    ],
)
def test_no_permission_is_taken_from_a_body(attributes):
    html = f'<iframe src="https://www.youtube-nocookie.com/embed/abc" {attributes}></iframe>'
    cleaned = clean_html(html)
    for word in ("camera", "microphone", "sandbox", "srcdoc", "allow=", "unsafe-url", "csp="):
        assert word not in cleaned
    assert 'src="https://www.youtube-nocookie.com/embed/abc"' in cleaned
    assert "allowfullscreen" in cleaned and 'referrerpolicy="strict-origin"' in cleaned


HOSTILE_IMAGES = [
    "/\\evil.example/x.png",  # the report's: a browser reads //evil.example
    "//evil.example/x.png",
    "/\\/evil.example/x.png",
    "\\\\evil.example/x.png",
    "/%5Cevil.example/x.png",  # kept only if canonical and on this site: see below
    "https://evil.example/x.png",
    "http://127.0.0.1:8000@evil.example/x.png",
    "https://cdn.example/a.jpg",
    "data:image/svg+xml;base64,PHN2Zz4=",
    "javascript:alert(1)",
    " /media/a.jpg",
    "/media/a b.jpg",  # not canonical: the browser asks for /media/a%20b.jpg
    "media/a.jpg",  # relative to the page, not to the site
]


@pytest.mark.parametrize("src", HOSTILE_IMAGES)
def test_an_image_not_really_on_this_site_is_dropped(src):
    if src == "/%5Cevil.example/x.png":
        # Percent-encoded, the backslash is a path character: still this site.
        assert is_site_image_url(src)
        return
    assert not is_site_image_url(src)
    assert "<img" not in clean_html(f'<p>x</p><img src="{src}" alt="">')


@pytest.mark.parametrize("src", ["/media/editor/2026/05/ab12.jpg", "/media/a.webp?v=2"])
def test_a_site_image_is_kept(src):
    assert f'src="{src}"' in clean_html(f'<img src="{src}" alt="">')


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "java\tscript:alert(1)",
        "java&#x09;script:alert(1)",
        "\x01javascript:alert(1)",
        " javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "jav&#x0A;ascript:alert(1)",
        "javascript&colon;alert(1)",
    ],
)
def test_a_link_that_would_run_script_loses_its_address(href):
    cleaned = clean_html(f'<a href="{href}">رابط</a>').lower()
    assert "href" not in cleaned
    assert "script" not in cleaned.replace("رابط", "")


@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example\\@www.youtube.com/watch?v=abcDEF12345",
        "https://evil.example\\@youtube.com/watch?v=abcDEF12345",
        "https://youtube.com.evil.example/watch?v=abcDEF12345",
        "https://www.youtube.com/watch?v=abc<script>",
        "https://www.youtube.com/watch?v=",
        "javascript:alert(1)",
        "https://evil.example/watch?v=abcDEF12345",
        "https://vimeo.com/notanumber",
    ],
)
def test_a_video_address_the_browser_reads_elsewhere_makes_no_player(address):
    assert player_url(address) == ""


@pytest.mark.parametrize(
    "address",
    [
        "https://evil.example\\@www.youtube.com/watch?v=abcDEF12345",
        "https://www.youtube.com.evil.example/watch?v=abcDEF12345",
        "https://evil.example/video.mp4",
        "https://user:pw@www.youtube.com/watch?v=abcDEF12345",
    ],
)
def test_the_video_field_refuses_what_cannot_be_played_safely(client, editor, category, address):
    client.force_login(editor)
    data = form_data(category=str(category.pk), kind="video", video_url=address)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "video_url" in response.context["adminform"].form.errors


def test_the_video_field_takes_a_youtube_link(client, editor, category):
    client.force_login(editor)
    data = form_data(
        category=str(category.pk),
        kind="video",
        video_url="https://www.youtube.com/watch?v=abcDEF12345",
    )
    assert client.post(ADD_URL, data).status_code == 302
