from django import template
from django.conf import settings

from pages.footer import footer_links

register = template.Library()

#: How each network spells its own name; others are shown as configured, capitalised.
NETWORK_NAMES = {
    "facebook": "Facebook",
    "x": "X",
    "twitter": "X",
    "youtube": "YouTube",
    "instagram": "Instagram",
    "telegram": "Telegram",
    "tiktok": "TikTok",
    "whatsapp": "WhatsApp",
    "linkedin": "LinkedIn",
}


@register.inclusion_tag("pages/footer.html")
def site_footer(menu_categories) -> dict:
    """The footer: sections, the site's pages, its social accounts and the RSS feed."""
    return {
        "menu_categories": menu_categories,
        "pages": footer_links(),
        "social_links": [
            (NETWORK_NAMES.get(network, network.capitalize()), url)
            for network, url in settings.SOCIAL_LINKS
        ],
    }
