import json
import re
from urllib.parse import quote

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from articles.sanitize import clean_html
from articles.site import absolute_url
from articles.video import player_url

register = template.Library()


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


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, article) -> SafeString:
    """JSON-LD NewsArticle, escaped so no text can close the <script> element."""
    absolute = absolute_url
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.excerpt,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat(),
        "mainEntityOfPage": absolute(article.get_absolute_url()),
        "articleSection": article.category.name,
        "inLanguage": "ar",
        "author": [
            {"@type": "Person", "name": a.name, "url": absolute(a.get_absolute_url())}
            for a in article.authors.all()
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": absolute("/"),
        },
    }
    if article.image:
        data["image"] = [absolute(article.image.url)]
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    # A data block, never executed, so the CSP's script-src does not apply to it.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - JSON with <, > and & escaped above
    )


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
