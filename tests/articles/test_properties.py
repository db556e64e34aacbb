"""Properties that hold for any input (hypothesis): the sanitiser, Arabic folding, slugs.

The sanitiser's output is stable when sanitised again and never holds a script-capable
tag, attribute or URL, whatever mix of hostile markup goes in; folding is idempotent and
ignores what it promises to ignore; every slug is routable, and stable.
"""

import re
from html.parser import HTMLParser
from urllib.parse import unquote

from ada_url import URL
from django.urls import resolve, reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from arabic.text import BIDI_CONTROLS, normalize_arabic, unicode_slugify
from articles.sanitize import (
    clean_html,
    is_link_url,
    is_site_image_url,
    is_video_frame_url,
)

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# -- a grammar of hostile markup -------------------------------------------------------------

DANGEROUS_TAGS = [
    "script", "svg", "math", "iframe", "img", "a", "style", "object", "embed", "form",
    "noscript", "template", "textarea", "title", "xmp", "base", "meta", "link", "input",
    "p", "table", "td", "blockquote", "select", "option", "frameset", "video", "audio",
]  # fmt: skip
URLS = [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
    "java&#x09;script:alert(1)", "&#106;avascript:alert(1)", " javascript:alert(1)",
    "\x01javascript:alert(1)", "vbscript:x", "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2Zz4=", "https://evil.example\\@www.youtube.com/embed/x",
    "/\\evil.example/x.png", "//evil.example/x", "https://www.youtube-nocookie.com/embed/a",
    "/media/editor/a.jpg", "https://news.example.org/media/a.jpg", "mailto:a@b.ma",
    "https://example.org/?q=<script>", "#top", "?q=1", "", "&quot;onmouseover=alert(1)",
]  # fmt: skip
ATTRS = [
    "onerror", "onload", "onclick", "onmouseover", "style", "src", "href", "srcdoc",
    "allow", "sandbox", "formaction", "action", "xlink:href", "cite", "title", "dir",
    "background", "poster", "data", "srcset", "width", "lang", "class", "id",
]  # fmt: skip
TEXT = ["x", "نص", "<", ">", "&", "&amp;", "&lt;script&gt;", '"', "'", "`", "\u202e", " "]
RAW = ["<!--", "-->", "<![CDATA[", "]]>", "</", "<!", "<?", "/>", "=", "\x00", "\n"]

attribute = st.builds(
    lambda name, value, quote: f" {name}={quote}{value}{quote}",
    st.sampled_from(ATTRS),
    st.one_of(st.sampled_from(URLS), st.sampled_from(["alert(1)", "x", "1"])),
    st.sampled_from(['"', "'", ""]),
)
open_tag = st.builds(
    lambda tag, attrs, end: f"<{tag}{''.join(attrs)}{end}",
    st.sampled_from(DANGEROUS_TAGS),
    st.lists(attribute, max_size=3),
    st.sampled_from([">", "/>", " >"]),
)
close_tag = st.sampled_from(DANGEROUS_TAGS).map(lambda tag: f"</{tag}>")
markup = st.lists(
    st.one_of(
        open_tag, close_tag, st.sampled_from(TEXT), st.sampled_from(RAW), st.text(max_size=8)
    ),
    max_size=25,
).map("".join)

# Written out here, not read from the sanitiser: widening its allow-list must fail a test.
SAFE_TAGS = {
    "a", "b", "blockquote", "br", "caption", "cite", "em", "figcaption", "figure", "h2", "h3", "h4",
    "hr", "i", "iframe", "img", "li", "mark", "ol", "p", "q", "s", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
SAFE_ATTRIBUTES = {
    "allowfullscreen", "alt", "cite", "colspan", "dir", "height", "href", "lang", "loading",
    "referrerpolicy", "rel", "rowspan", "scope", "src", "title", "width",
}  # fmt: skip


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, dict]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


@PROPERTY
@given(markup)
@example('<iframe src="https://evil.example\\@www.youtube.com/embed/x" allow="camera">')
@example('<img src="/\\evil.example/x.png">')
@example("<svg><script>alert(1)</script></svg><math><mtext><img src=x onerror=alert(1)>")
def test_sanitised_html_is_stable_when_sanitised_again(html):
    once = clean_html(html)
    assert clean_html(once) == once


@PROPERTY
@given(markup)
@example('<a href="java&#x09;script:alert(1)">x</a><iframe srcdoc="<script>">')
@example('<a href="javascript:alert(1)">x</a><blockquote cite="vbscript:x">')
@example('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>')
def test_sanitised_html_holds_nothing_that_can_run(html):
    for tag, attrs in elements(clean_html(html)):
        assert tag in SAFE_TAGS, tag
        for name, value in attrs.items():
            assert name in SAFE_ATTRIBUTES, (tag, name)
            assert not name.startswith("on")
            value = value or ""
            if name in ("href", "src", "cite"):
                # Resolved as a browser resolves it (WHATWG), on this site's origin.
                resolved = URL(value, "https://news.example.org/article/x/")
                assert resolved.protocol in ("http:", "https:", "mailto:"), (tag, name, value)
            if name == "src" and tag == "iframe":
                assert is_video_frame_url(value), value
            if name == "src" and tag == "img":
                assert is_site_image_url(value), value
            if name in ("href", "cite"):
                assert is_link_url(value), value


# -- Arabic folding ---------------------------------------------------------------------------

ARABIC = st.text(
    alphabet=st.characters(min_codepoint=0x0621, max_codepoint=0x064A)
    | st.sampled_from(" ٠١٩abcAB"),
    max_size=30,
)
HARAKAT = [chr(c) for c in range(0x064B, 0x0653)]  # tanween, fatha … sukun
INVISIBLE = ["\u200e", "\u200f", "\u061c", "\u202b", "\u202e", "\u2067", "\u200b", "\ufeff"]


@PROPERTY
@given(st.text(max_size=60))
def test_folding_is_idempotent_and_leaves_no_marks(text):
    folded = normalize_arabic(text)
    assert normalize_arabic(folded) == folded
    assert not BIDI_CONTROLS.search(folded)
    assert "\u0640" not in folded  # tatweel
    assert not any(mark in folded for mark in HARAKAT)


@PROPERTY
@given(ARABIC, st.data())
def test_folding_ignores_diacritics_tatweel_and_invisible_marks(text, data):
    marked = "".join(
        ch + data.draw(st.sampled_from(["", "\u0640", *HARAKAT, *INVISIBLE])) for ch in text
    )
    assert normalize_arabic(marked) == normalize_arabic(text)


@PROPERTY
@given(ARABIC)
def test_hamza_and_alef_spellings_fold_together(text):
    variants = text.replace("ا", "أ"), text.replace("ا", "إ"), text.replace("ي", "ى")
    assert {normalize_arabic(v) for v in variants} == {normalize_arabic(text).replace("ى", "ي")}


@PROPERTY
@given(st.integers(min_value=0, max_value=10**12))
def test_eastern_digits_fold_to_western(number):
    eastern = str(number).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert normalize_arabic(eastern) == str(number)


# -- slugs ------------------------------------------------------------------------------------


@PROPERTY
@given(st.text(max_size=120), st.integers(min_value=1, max_value=220))
def test_every_slug_is_routable_stable_and_clean(title, max_length):
    slug = unicode_slugify(title, max_length)
    assert len(slug) <= max_length
    assert unicode_slugify(slug, max_length) == slug
    assert not slug.startswith("-") and not slug.endswith("-")
    assert not BIDI_CONTROLS.search(slug)
    if slug:
        assert re.fullmatch(r"[-\w]+", slug)
        url = reverse("articles:detail", kwargs={"slug": slug})  # percent-encoded
        assert resolve(unquote(url)).kwargs["slug"] == slug  # as the server decodes it


@PROPERTY
@given(ARABIC, st.data())
def test_marks_do_not_change_a_slug(text, data):
    marked = "".join(ch + data.draw(st.sampled_from(["", "\u0640", *INVISIBLE])) for ch in text)
    assert unicode_slugify(marked) == unicode_slugify(text)
