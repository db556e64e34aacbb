import hashlib
import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from arabic.text import normalize_arabic
from articles import fragments
from articles.models import Article
from articles.sanitize import clean_html
from articles.site import absolute_url
from articles.video import player_url
from images import renditions
from images.renditions import rendition_url, widest, widths_for

register = template.Library()

#: The newsroom's logo as a 512 px PNG (static/; logo.svg is the same mark for the
#: masthead): search engines and link previews take raster images.
LOGO = "logo.png"
#: The widest rendition offered to link previews, JSON-LD and feeds.
SHARE_WIDTH = 1280


@register.filter
def sanitized(html: str) -> SafeString:
    """Render stored rich text through the allow-list, whatever path stored it."""
    return mark_safe(clean_html(html))  # noqa: S308 - clean_html is the sanitiser


@register.filter
def video_embed_url(url: str) -> str:
    """A privacy-enhanced player URL for YouTube or Vimeo links; "" for anything else."""
    return player_url(url)


@register.simple_tag
def share_links(url: str, title: str) -> list[tuple[str, str, str]]:
    """Plain share links (no third-party script): (key, label, href)."""
    u, t = quote(url, safe=""), quote(title, safe="")
    return [
        ("whatsapp", "WhatsApp", f"https://wa.me/?text={t}%20{u}"),
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={u}"),
        ("x", "X", f"https://x.com/intent/post?url={u}&text={t}"),
        ("telegram", "Telegram", f"https://t.me/share/url?url={u}&text={t}"),
    ]


@register.filter
def absolute(location: str) -> str:
    """A site path or media URL as an absolute URL on the configured public origin."""
    return absolute_url(location) if location else ""


def _jsonld(context, data: dict | list) -> SafeString:
    """A JSON-LD <script>, escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    # A data block, never executed, so the CSP's script-src does not apply to it.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - JSON with <, > and & escaped above
    )


def logo_url() -> str:
    return absolute_url(static(LOGO))


def organisation() -> dict:
    """The newsroom as schema.org sees it: a news media organisation with its logo and
    its accounts elsewhere (``NEWSROOM_SOCIAL_LINKS``)."""
    data = {
        "@type": "NewsMediaOrganization",
        "@id": absolute_url("/#organization"),
        "name": settings.SITE_NAME,
        "url": absolute_url("/"),
        "logo": {"@type": "ImageObject", "url": logo_url(), "width": 512, "height": 512},
    }
    same_as = [url for _network, url in settings.SOCIAL_LINKS]
    if same_as:
        data["sameAs"] = same_as
    return data


@dataclass(frozen=True)
class ShareImage:
    """The lead photo as link previews and feeds get it: a JPEG rendition of known size."""

    url: str
    width: int
    height: int
    alt: str
    type: str = ""  # known for renditions only


def share_image(article) -> ShareImage | None:
    """The widest JPEG rendition up to 1280 px (the original when it has no known width),
    its size computed from the stored dimensions as the renditions are made; no storage
    call."""
    if not article.image:
        return None
    width, height = article.image_width, article.image_height
    url = rendition_url(article.image, width, "jpg", SHARE_WIDTH)
    if url and width and height:
        chosen = widest(widths_for(width), SHARE_WIDTH)
        height, width = max(1, round(height * chosen / width)), chosen
        return ShareImage(absolute_url(url), width, height, article.image_alt, "image/jpeg")
    return ShareImage(absolute_url(article.image.url), width or 0, height or 0, article.image_alt)


# Search engines want images at least 1,200 px wide in each of these shapes.
CROP_WIDTH = 1600


def crop_images(article) -> list[dict]:
    """The lead photo's 16:9, 4:3 and 1:1 crops, framed on its focal point (made with its
    renditions), as ImageObjects: the widest up to ``CROP_WIDTH``; no storage call."""
    width, height = article.image_width, article.image_height
    if not article.image or not width or not height:
        return []
    found = []
    for ratio, (ratio_w, ratio_h) in renditions.CROPS.items():
        widths = renditions.crop_widths(width, height, ratio)
        if not widths:
            continue
        chosen = widest(widths, CROP_WIDTH)
        url = article.image.storage.url(
            renditions.crop_name(article.image.name, ratio, chosen, "jpg")
        )
        found.append(
            {
                "@type": "ImageObject",
                "url": absolute_url(url),
                "width": chosen,
                "height": max(1, round(chosen * ratio_h / ratio_w)),
            }
        )
    return found


@register.simple_tag
def article_share_image(article) -> ShareImage | None:
    return share_image(article)


def byline(author) -> dict:
    kind = "Organization" if author.kind == author.Kind.AGENCY else "Person"
    return {"@type": kind, "name": author.name, "url": absolute_url(author.get_absolute_url())}


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, article) -> SafeString:
    """JSON-LD NewsArticle; a video story also gets its VideoObject."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.excerpt,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "mainEntityOfPage": absolute_url(article.get_absolute_url()),
        "articleSection": article.category.name,
        "inLanguage": "ar",
        "author": [byline(a) for a in article.authors.all()],
        "publisher": organisation(),
    }
    image = share_image(article)
    if image:
        data["image"] = [
            {
                "@type": "ImageObject",
                "url": image.url,
                "width": image.width,
                "height": image.height,
                **({"caption": image.alt} if image.alt else {}),
            },
            *crop_images(article),
        ]
    scripts = [_jsonld(context, data)]
    embed = player_url(article.video_url) if article.kind == article.Kind.VIDEO else ""
    if embed:
        video = {
            "@context": "https://schema.org",
            "@type": "VideoObject",
            "name": article.title,
            "description": article.excerpt or article.title,
            "uploadDate": (article.published_at or article.updated_at).isoformat(),
            "embedUrl": embed,
            "url": absolute_url(article.get_absolute_url()),
            "inLanguage": "ar",
            "publisher": organisation(),
        }
        if image:
            video["thumbnailUrl"] = [image.url]
        scripts.append(_jsonld(context, video))
    return mark_safe("\n".join(scripts))  # noqa: S308 - each piece built safe above


@register.simple_tag(takes_context=True)
def site_jsonld(context) -> SafeString:
    """The home page's JSON-LD: the site with its search, and the organisation behind it."""
    search = absolute_url(reverse("search:search"))
    data = [
        {
            "@context": "https://schema.org",
            "@type": "WebSite",
            "@id": absolute_url("/#website"),
            "name": settings.SITE_NAME,
            "url": absolute_url("/"),
            "inLanguage": "ar",
            "publisher": {"@id": absolute_url("/#organization")},
            "potentialAction": {
                "@type": "SearchAction",
                "target": {
                    "@type": "EntryPoint",
                    "urlTemplate": f"{search}?q={{search_term_string}}",
                },
                "query-input": "required name=search_term_string",
            },
        },
        {"@context": "https://schema.org", **organisation()},
    ]
    return _jsonld(context, data)


@register.simple_tag
def site_logo_url() -> str:
    return logo_url()


@register.filter
def kind_label(article) -> str:
    """The story's kind as a label («فيديو», «بالصور», «رأي»), or "" when saying it would
    repeat what the reader sees already: a plain story, a title that starts with it
    («فيديو: …»), or a section of the same name."""
    if article.kind == article.Kind.STORY:
        return ""
    label = str(article.get_kind_display())
    if article.title.startswith(label) or article.category.name == label:
        return ""
    return label


@register.inclusion_tag("articles/opinion_columns.html")
def opinion_columns(limit: int = 4) -> dict:
    """«Opinion»: the newest columns with their columnist's photo and name (two queries
    with LIMIT: the columns, then their bylines)."""
    columns = (
        Article.objects.published()
        .filter(kind=Article.Kind.OPINION)
        .for_listing()[: max(1, min(int(limit), 8))]
    )
    return {"columns": list(columns)}


@register.filter
def only_opinion(articles) -> bool:
    """True when a home section block holds columns only: «Opinion» shows them already."""
    return bool(articles) and all(a.kind == Article.Kind.OPINION for a in articles)


@register.filter
def section_label(article) -> str:
    """The story's section as a label, or "" when its title starts with the section's
    name already («فيديو: …» in the «فيديو» section)."""
    name = article.category.name
    return "" if article.title.startswith(name) else name


@register.filter
def folded(text: str) -> str:
    """The query in its folded spelling (hamzas, alef maqsura, ta marbuta…), for «did you
    mean»; the same folding the search and tags use."""
    return normalize_arabic(str(text or ""))


@register.simple_tag
def latest_articles(limit: int = 5) -> list:
    """The newest published stories (one query with LIMIT): the article page's side
    column and the empty search page."""
    return list(Article.objects.published().for_cards()[: max(1, min(int(limit), 20))])


@register.filter
def machine_time(value) -> str:
    """A <time datetime> value: local time to the second with its offset (valid HTML)."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


# A run of Latin words (with digits and the punctuation found inside names), e.g.
# «Hyundai Rotem», «AtlasVolt», «COP 22».
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ .&'’+-]+[A-Za-z0-9]+)*")
_ARABIC = re.compile("[\u0600-\u06ff]")


@register.filter
def isolate_latin(text: str) -> SafeString:
    """Escape ``text`` and wrap its Latin runs in <bdi>, so they sit right in Arabic.

    Each piece is escaped on its own, so no markup in the text can survive.
    """
    text = str(text or "")
    if not _ARABIC.search(text):
        return conditional_escape(text)
    parts, last = [], 0
    for match in _LATIN_RUN.finditer(text):
        parts.append(conditional_escape(text[last : match.start()]))
        parts.append(format_html("<bdi>{}</bdi>", match.group()))
        last = match.end()
    parts.append(conditional_escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


@register.simple_tag
def cards(articles, level: int = 3) -> SafeString:
    """A list page's story cards, kept for this generation of published content
    (``articles.fragments``) under the ids they show: the twenty cards of a section, tag,
    author or archive page cost most of its rendering, and a publish, an edit, a renamed
    section or new renditions start a new generation."""
    # A list given by id (tag and author pages) is read only when the fragment is missed.
    ids = getattr(articles, "ids", None)
    if ids is None:
        articles = list(articles)
        ids = [article.pk for article in articles]
    key = f"cards:{level}:" + hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]

    def build() -> str:
        return render_to_string(
            "includes/card_list.html", {"articles": list(articles), "level": level}
        )

    return mark_safe(fragments.cached(key, build))  # noqa: S308 - rendered by our template
