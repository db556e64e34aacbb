from django import template
from django.utils.safestring import SafeString

from pages.footer import footer_html

register = template.Library()


@register.simple_tag
def site_footer() -> SafeString:
    """The footer (``pages.footer``): kept rendered for the content's generation."""
    return footer_html()
