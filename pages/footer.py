"""The footer, on every public page: rendered once per generation of the published content
(``articles.fragments``) and kept in the shared cache, so a warm cache costs no query and
no rendering.

It lists the sections (a section's change starts a new generation) and the site's pages: a
page's save or delete starts one too, after its commit (``signals.py``), so an editor's
change shows at once on every process.
"""

import zlib

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from articles import fragments

from .models import Page

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


def footer_links() -> list[tuple[str, str]]:
    """(title, URL) of the published footer pages, in order."""
    return [(page.title, page.get_absolute_url()) for page in Page.objects.in_footer()]


def footer_html() -> SafeString:
    """The footer: sections, the site's pages, its social accounts and the RSS feed."""
    year = timezone.localdate().year

    def build() -> str:
        context = {
            "menu_categories": fragments.sections_menu(),
            "pages": footer_links(),
            "social_links": [
                (NETWORK_NAMES.get(network, network.capitalize()), url)
                for network, url in settings.SOCIAL_LINKS
            ],
            "site_name": settings.SITE_NAME,
            "year": year,
        }
        return str(render_to_string("pages/footer.html", context))

    # The accounts come from settings: a deploy that changes them shows at once.
    accounts = zlib.crc32(repr(settings.SOCIAL_LINKS).encode())
    # Rendered by the escaping template above.
    return mark_safe(fragments.cached(f"footer:{year}:{accounts}", build))  # noqa: S308
