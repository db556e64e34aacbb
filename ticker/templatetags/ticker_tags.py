from django import template
from django.utils.safestring import SafeString

from ticker import feed

register = template.Library()


@register.simple_tag
def ticker() -> SafeString:
    """The ticker, server-rendered into every page (no JavaScript needed to read it), kept
    rendered in the shared cache with its payload."""
    return feed.current_html()
