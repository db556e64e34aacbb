from django import template

from ticker import feed

register = template.Library()


@register.inclusion_tag("ticker/ticker.html")
def ticker() -> dict:
    """The ticker, server-rendered into every page (no JavaScript needed to read it)."""
    payload, etag = feed.current_payload()
    return {"headlines": payload["headlines"], "etag": etag}
