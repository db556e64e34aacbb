"""``{% picture %}``: an uploaded image as a responsive, lazy <picture> of its renditions."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from images import renditions
from images.tasks import renditions_ready

register = template.Library()


@register.simple_tag
def picture(image, width, height, sizes: str = "100vw", alt: str = "", eager: bool = False):
    """A responsive <picture>: WebP and JPEG renditions, width and height set, lazy by default.

    Rendition URLs are computed, not looked up; whether they exist yet (the worker makes
    them) is one cache read, and until they do the original is shown.
    """
    if not image:
        return ""
    loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
    webp = renditions.srcset(image, width, "webp")
    jpeg = renditions.srcset(image, width, "jpg")
    if not webp or not renditions_ready(image, width):  # the original, as stored
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" decoding="async" {}>',
            image.url, alt, width or 1200, height or 675, mark_safe(loading),  # noqa: S308
        )  # fmt: skip
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" '
        'decoding="async" {}></picture>',
        webp, sizes, renditions.rendition_url(image, width, "jpg", 960), jpeg, sizes, alt,
        width, height, mark_safe(loading),  # noqa: S308 - a constant attribute
    )  # fmt: skip
