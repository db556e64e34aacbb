from django import template
from django.utils.safestring import SafeString, mark_safe

from articles.sanitize import clean_html

register = template.Library()


@register.filter
def sanitized(html: str) -> SafeString:
    """Render stored rich text through the allow-list, whatever path stored it."""
    return mark_safe(clean_html(html))  # noqa: S308 - clean_html is the sanitiser
