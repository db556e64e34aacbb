"""WordPress post bodies as this site stores them.

WordPress keeps bodies as it received them and does the rest when it shows a page:
paragraphs from blank lines (``wpautop``, for classic-editor content only), shortcodes
(``[caption]``, ``[gallery]``, ``[embed]``…) and bare video links ("oEmbed"). This module
does the same once, at import time; ``Article.save`` then sanitises the result like any
other body. Pure functions: images are resolved through a callback, nothing is fetched.
"""

from __future__ import annotations

import bisect
import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from django.utils.translation import gettext as _

from articles.templatetags.news import video_embed_url

# Core, Jetpack and the page builders and themes common on news sites. A name outside the
# list counts as a shortcode only when it is closed ([x]…[/x]): WordPress leaves unknown
# bracketed words alone, and so do we («[sic]», «[simple boat]»).
KNOWN_SHORTCODES = {
    "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist",
    "youtube", "vimeo", "dailymotion", "twitter", "tweet", "instagram", "facebook",
    "googlemaps", "soundcloud", "slideshow", "contact-form", "contact-field",
    "contact-form-7", "archives", "sitemap", "wpforms", "ninja_form", "gravityform",
    "rev_slider", "layerslider", "ads", "ad", "adsense", "related", "button", "box",
    "row", "column", "columns", "one_half", "one_half_last", "one_third",
    "one_third_last", "two_third", "two_third_last", "one_fourth", "one_fourth_last",
    "three_fourth", "three_fourth_last", "tabs", "tab", "toggle", "accordion", "dropcap",
    "highlight", "divider", "spacer", "alert", "note", "tooltip", "quote", "pullquote",
}  # fmt: skip
SHORTCODE_PREFIXES = ("vc_", "et_pb_", "fusion_", "su_", "tie_", "td_", "av_", "mk_", "cs_")

BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "map|area|blockquote|address|math|style|script|p|h[1-6]|hr|fieldset|legend|section|"
    "article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary|iframe"
)
_BLOCK_OPEN = re.compile(rf"(<(?:{BLOCK_TAGS})[\s/>])", re.I)
_BLOCK_CLOSE = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.I)
_STARTS_BLOCK = re.compile(rf"^(?:</?(?:{BLOCK_TAGS})[\s/>]|\x02\d+\x03$)", re.I)
_PRE = re.compile(r"<pre[\s>].*?</pre>", re.I | re.S)
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TOKEN = re.compile(r"\x02(\d+)\x03")
_SHORTCODE = re.compile(
    r"\[(\[?)(/?)([A-Za-z][\w-]{0,60})((?:\s[^\[\]]{0,2000})?|=[^\[\]]{0,2000})(/?)\](\]?)"
)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_URL_LINE = re.compile(
    r"""^[ \t]*(?:<p>)?[ \t]*(https?://[^\s<>"']+)[ \t]*(?:</p>)?[ \t]*$""", re.M
)
_TAG_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_A_OPEN = re.compile(r"<a\b[^>]*>", re.I)
_LEADING_IMAGE = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.I | re.S)
_TAGS = re.compile(r"<[^>]*>")
_BREAKING_TAGS = re.compile(rf"</?(?:{BLOCK_TAGS}|br|img)\b[^>]*>", re.I)
_SPACES = re.compile(r"\s+")
_EMPTY_FIGURE = re.compile(
    r"<figure[^>]*>\s*(?:<figcaption[^>]*>.*?</figcaption>\s*)?</figure>", re.S
)
_EMPTY_DIV = re.compile(r"<div[^>]*>\s*</div>")
_BLANK_LINES = re.compile(r"\n\s*\n+")
SIZE_SUFFIX = re.compile(r"-\d{1,5}x\d{1,5}(?=\.\w+$)")

#: An image resolver: (src, attachment id or None) → the URL here, or None if it is one of
#: the old site's images that could not be found (the image is then left out).
ImageResolver = Callable[[str, "int | None"], "str | None"]


@dataclass
class Body:
    html: str = ""
    gallery_ids: list[int] = field(default_factory=list)
    gallery_attached: bool = False  # a [gallery] without ids: the post's attached images
    lead_video: str = ""
    videos: int = 0
    removed_shortcodes: Counter[str] = field(default_factory=Counter)


def is_shortcode_name(name: str, closed: bool) -> bool:
    name = name.lower()
    return closed or name in KNOWN_SHORTCODES or name.startswith(SHORTCODE_PREFIXES)


def attributes(text: str) -> dict[str, str]:
    """``ids="1,2" columns=3`` → ``{"ids": "1,2", "columns": "3"}``."""
    return {
        m[1].lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
        for m in _ATTR.finditer(text)
    }


def convert(
    raw: str,
    *,
    resolve_image: ImageResolver,
    old_hosts: set[str],
    take_lead_video: bool = False,
) -> Body:
    """A WordPress body → this site's HTML (before the sanitiser), with what it asked for.

    ``take_lead_video``: the first YouTube/Vimeo link becomes ``Body.lead_video`` and leaves
    the body (a video story); otherwise videos become allowed embeds in the body.
    """
    body = Body()
    held: list[str] = []

    def hold(fragment: str) -> str:
        held.append(fragment)
        return f"\n\n\x02{len(held) - 1}\x03\n\n"

    text = _CONTROL.sub("", raw or "").replace("\r\n", "\n").replace("\r", "\n")
    has_blocks = "<!-- wp:" in text
    text = _BLOCK_COMMENT.sub("", text)
    text = _shortcodes(text, body, hold, take_lead_video)
    text = _URL_LINE.sub(lambda m: _bare_url(m[1], body, hold, take_lead_video), text)
    if not has_blocks:  # WordPress 5+ skips wpautop for block-editor content too
        text = autop(text)
    # Restore held fragments; a caption's may hold a video of its own, hence the loop.
    for _round in range(3):
        text = _TOKEN.sub(lambda m: held[int(m[1])].strip(), text)
    text = _IMG.sub(lambda m: _image(m[0], resolve_image), text)
    text = _A_OPEN.sub(lambda m: _link(m[0], resolve_image, old_hosts), text)
    # A figure whose video or image left the body keeps nothing worth showing.
    text = _EMPTY_FIGURE.sub("", _EMPTY_DIV.sub("", text))
    body.html = _BLANK_LINES.sub("\n", text).strip()
    return body


# -- shortcodes --------------------------------------------------------------------------


def _shortcodes(text: str, body: Body, hold, take_lead_video: bool) -> str:
    """Replace shortcodes left to right, pairing ``[x]`` with the next ``[/x]``."""
    tokens = list(_SHORTCODE.finditer(text))
    closers: dict[str, list[int]] = {}
    for index, token in enumerate(tokens):
        if token[2] and not token[1]:
            closers.setdefault(token[3].lower(), []).append(index)
    out: list[str] = []
    position = 0
    index = 0
    while index < len(tokens):
        token = tokens[index]
        escaped, closing, name = bool(token[1] and token[6]), token[2], token[3].lower()
        if token.start() < position:
            index += 1
            continue
        close_index = _next_closer(closers.get(name, []), index) if not closing else None
        if escaped:  # [[gallery]] is WordPress's way of writing a literal [gallery]
            out.append(text[position : token.start()] + token[0][1:-1])
            position = token.end()
            index += 1
            continue
        if closing:
            if is_shortcode_name(name, closed=False):
                out.append(text[position : token.start()])  # a stray [/x]: dropped
                position = token.end()
            index += 1
            continue
        if not is_shortcode_name(name, closed=close_index is not None):
            index += 1
            continue
        inner = None
        end = token.end()
        if close_index is not None:
            closer = tokens[close_index]
            inner = text[token.end() : closer.start()]
            end = closer.end()
        out.append(text[position : token.start()])
        out.append(
            _shortcode(name, attributes(token[4]), token[4], inner, body, hold, take_lead_video)
        )
        position = end
        index = close_index + 1 if close_index is not None else index + 1
    out.append(text[position:])
    return "".join(out)


def _next_closer(indexes: list[int], after: int) -> int | None:
    found = bisect.bisect_right(indexes, after)
    return indexes[found] if found < len(indexes) else None


def _shortcode(name, attrs, raw_attrs, inner, body: Body, hold, take_lead_video) -> str:
    if name in ("caption", "wp_caption"):
        return _caption(attrs, inner or "", body, hold, take_lead_video)
    if name == "gallery":
        ids = attrs.get("ids") or attrs.get("include") or ""
        numbers = [int(i) for i in re.findall(r"\d{1,18}", ids)]
        if numbers:
            body.gallery_ids.extend(i for i in numbers if i not in body.gallery_ids)
        else:
            body.gallery_attached = True
        return "\n\n"
    if name in ("embed", "youtube", "vimeo", "dailymotion") or (
        name == "video" and "youtu" in raw_attrs
    ):
        url = (inner or "").strip() or attrs.get("src", "") or attrs.get("url", "")
        if not url:
            url = raw_attrs.strip().lstrip("=").split()[0] if raw_attrs.strip() else ""
        url = html.unescape(url)
        if url.startswith(("http://", "https://")):
            return _bare_url(url, body, hold, take_lead_video, shortcode=name)
    body.removed_shortcodes[name] += 1
    if inner is None:
        return ""
    return _shortcodes(inner, body, hold, take_lead_video)  # its text is kept


def _caption(attrs, inner: str, body: Body, hold, take_lead_video) -> str:
    inner = _shortcodes(inner, body, hold, take_lead_video)
    match = _LEADING_IMAGE.match(inner)
    if not match:
        return inner
    image, caption = match[1], match[2].strip() or attrs.get("caption", "")
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return hold(f"<figure>{image}{caption_html}</figure>")


# -- videos and other links on their own line --------------------------------------------


def dailymotion_embed(url: str) -> str:
    parts = _split(url)
    if parts is None:
        return ""
    host = (parts.hostname or "").removeprefix("www.")
    video_id = ""
    if host == "dailymotion.com" and parts.path.startswith("/video/"):
        video_id = parts.path.split("/")[2].split("_")[0]
    elif host == "dai.ly":
        video_id = parts.path.strip("/")
    if video_id.isalnum():
        return f"https://www.dailymotion.com/embed/video/{video_id}"
    return ""


def _split(url: str):
    """``urlsplit`` that answers None for what it cannot parse (``http://[::1``)."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def _bare_url(url: str, body: Body, hold, take_lead_video: bool, shortcode: str = "") -> str:
    url = html.unescape(url)
    if _split(url) is None:  # not a URL after all: left as the text it was
        return html.escape(url)
    embed = video_embed_url(url)
    if embed:
        body.videos += 1
        if take_lead_video and not body.lead_video:
            body.lead_video = url
            return "\n\n"
    else:
        embed = dailymotion_embed(url)
        if embed:
            body.videos += 1
    if embed:
        title = html.escape(_("Video"))
        frame = (
            f'<iframe src="{html.escape(embed)}" width="640" height="360" title="{title}" '
            "allowfullscreen></iframe>"
        )
        return hold(f"<p>{frame}</p>")
    if shortcode:
        body.removed_shortcodes[shortcode] += 1
    escaped = html.escape(url)
    return hold(f'<p><a href="{escaped}">{escaped}</a></p>')


# -- paragraphs -----------------------------------------------------------------------------


def autop(text: str) -> str:
    """Blank lines → paragraphs, single newlines → ``<br>``, block elements left alone."""
    pres: list[str] = []

    def keep_pre(match: re.Match[str]) -> str:
        pres.append(match[0])
        return f"\n\n\x01{len(pres) - 1}\x01\n\n"

    text = _PRE.sub(keep_pre, text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    chunks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _STARTS_BLOCK.match(chunk) or re.fullmatch(r"\x01\d+\x01", chunk):
            chunks.append(chunk)
        else:
            lines = [line.strip() for line in chunk.split("\n")]
            chunks.append("<p>" + "<br>\n".join(line for line in lines if line) + "</p>")
    text = "\n".join(chunks)
    return re.sub(r"\x01(\d+)\x01", lambda m: pres[int(m[1])], text)


# -- images and links ------------------------------------------------------------------


def _parse_tag(tag: str) -> tuple[str, list[list[str]]]:
    match = re.match(r"<(\w+)", tag)
    name = match[1] if match else ""
    inside = tag[len(name) + 1 : -1].rstrip("/")
    attrs = []
    for m in _TAG_ATTR.finditer(inside):
        value = next((g for g in m.groups()[1:] if g is not None), None)
        attrs.append([m[1].lower(), html.unescape(value) if value is not None else ""])
    return name, attrs


def _render_tag(name: str, attrs: list[list[str]]) -> str:
    parts = "".join(f' {key}="{html.escape(value)}"' for key, value in attrs)
    return f"<{name}{parts}>"


def _image(tag: str, resolve: ImageResolver) -> str:
    name, attrs = _parse_tag(tag)
    values = dict(attrs)
    src = values.get("src", "")
    match = re.search(r"\bwp-image-(\d{1,18})\b", values.get("class", ""))
    new_src = resolve(src, int(match[1]) if match else None) if _split(src) else None
    if new_src is None:
        return ""
    parts = _split(src)
    resized = bool(parts and SIZE_SUFFIX.search(parts.path))
    kept = [
        [key, new_src if key == "src" else value]
        for key, value in attrs
        if key in ("src", "alt", "title", "width") or (key == "height" and not resized)
    ]
    return _render_tag(name, kept)


def _link(tag: str, resolve: ImageResolver, old_hosts: set[str]) -> str:
    name, attrs = _parse_tag(tag)
    for pair in attrs:
        if pair[0] != "href":
            continue
        href = pair[1]
        parts = _split(href)
        if parts is None:
            pair[1] = ""  # an address no browser could follow either
            continue
        host = parts.hostname or ""
        uploads = "/wp-content/uploads/" in parts.path or host.endswith(".files.wordpress.com")
        if host in old_hosts or uploads:
            if uploads or _looks_like_file(parts.path):
                new = resolve(href, None)
                pair[1] = new or ""
            else:  # a link within the old site: relative, so the redirects here answer it
                pair[1] = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    attrs = [pair for pair in attrs if not (pair[0] == "href" and not pair[1])]
    return _render_tag(name, attrs)


def _looks_like_file(path: str) -> bool:
    return bool(re.search(r"\.(?:jpe?g|png|gif|webp)$", path, re.I))


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment on one line (titles, excerpts)."""
    text = _TAGS.sub("", _BREAKING_TAGS.sub(" ", fragment or ""))
    return _SPACES.sub(" ", html.unescape(text)).strip()
