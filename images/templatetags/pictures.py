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


@register.simple_tag
def crop_urls(image, width, height, max_width: int = 1600) -> list[str]:
    """The 16:9, 4:3 and 1:1 crops of an image (focal point in frame), widest first up to
    ``max_width``, for structured data (an article's JSON-LD ``image`` list); no storage
    call. ``{% crop_urls article.image article.image_width article.image_height as urls %}``
    """
    found = [
        renditions.crop_url(image, width, height, ratio, max_width) for ratio in renditions.CROPS
    ]
    return [url for url in found if url]
