"""Every admin page the three roles can reach reads in Arabic: no English word and no
untranslated message id in the visible text."""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.utils import timezone

from articles.models import Author, Gallery
from desk.models import DeskNote
from ticker.models import Headline

pytestmark = pytest.mark.django_db

# Latin words a reader may rightly see in the Arabic admin: names of products and formats.
ALLOWED = {
    "ckeditor", "youtube", "vimeo", "wordpress", "http", "https", "html", "url", "json",
    "rss", "jpeg", "png", "webp", "gif", "utc", "csrf", "ltr", "rtl", "xml", "wxr",
    "seo", "www", "example", "org", "com", "mailto",
    "control", "command",  # keys, named as printed on keyboards (Django's help text)
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
SKIP_TAGS = {"script", "style", "template", "svg", "noscript"}
LOGIN_PAGES = ("/admin/auth/user/", "/admin/axes/")
# Data these pages show as recorded: login names, and axes' "<unknown>" browser.
LOGIN_NAME = re.compile(r"chief|editor|journalist|unknown")
NEVER_FOLLOW = ("/logout/", "/delete/", "/jsi18n/", "/autocomplete/", "/password/", "/r/")


class VisibleText(HTMLParser):
    """Text a person sees: element text and the attributes browsers show."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        attrs = dict(attrs)
        if tag in SKIP_TAGS:
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("title", "placeholder", "aria-label", "alt"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag) -> None:
        if tag in SKIP_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data) -> None:
        if not self._skip:
            self.parts.append(data)


def english_in(html: str) -> tuple[list[str], list[str]]:
    parser = VisibleText()
    parser.feed(html)
    words = []
    for text in parser.parts:
        # Addresses, e-mails, file and host names, masked password hashes are data.
        text = re.sub(r"https?://\S+|\S+@\S+|\b[\w-]+(?:\.[\w-]+)+\b|\S*\*{3,}\S*", " ", text)
        words += [w for w in LATIN_WORD.findall(text) if w.lower() not in ALLOWED]
    return words, parser.links


def pattern(path: str) -> str:
    return re.sub(r"/\d+/", "/N/", path)


def crawl(client, start: str = "/admin/", limit: int = 150) -> dict[str, list[str]]:
    """Visit every admin page reachable by links (one object page per kind)."""
    seen_patterns, queue, found, visited = set(), [start], {}, 0
    while queue and visited < limit:
        url = queue.pop(0)
        key = pattern(urlsplit(url).path) + ("?" if urlsplit(url).query else "")
        if key in seen_patterns:
            continue
        seen_patterns.add(key)
        response = client.get(url)
        visited += 1
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        words, links = english_in(response.content.decode())
        if url.startswith(LOGIN_PAGES):  # a login name is what these pages are about
            words = [w for w in words if not LOGIN_NAME.fullmatch(w)]
        if words:
            found[url] = sorted(set(words))
        for link in links:
            absolute = urljoin(url, link)
            parts = urlsplit(absolute)
            if parts.netloc and parts.netloc != "testserver":
                continue
            if not parts.path.startswith("/admin/") or any(n in parts.path for n in NEVER_FOLLOW):
                continue
            if parts.query and not parts.query.startswith(("state=", "_changelist_filters")):
                continue  # filters: one of them is enough
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


@pytest.fixture
def newsroom_data(make_article, journalist, editor, author, category):
    author.user, author.slug = journalist, "سلمى-بناني"
    author.save()
    category.slug = "سياسة"
    category.save()
    draft = make_article(status="draft", published_at=None, created_by=journalist, tags=["اقتصاد"])
    make_article(status="review", published_at=None, created_by=journalist, authors=[author])
    live = make_article(created_by=journalist, authors=[author])
    make_article(published_at=timezone.now() + timezone.timedelta(hours=3))
    DeskNote.objects.create(article=draft, text="راجعي العنوان", written_by=editor)
    Headline.objects.create(text="عاجل للاختبار", article=live, is_breaking=True)
    Gallery.objects.create(title="ألبوم الاختبار")
    Author.objects.create(name="كاتب ضيف")


@pytest.mark.parametrize("role", ["journalist", "editor", "superuser"])
def test_every_admin_page_a_role_reaches_is_in_arabic(client, newsroom_data, request, role):
    names = {"journalist": ("سلمى", "بناني"), "editor": ("يوسف", "العلمي")}
    for name, (first, last) in {**names, "superuser": ("رشيد", "التازي")}.items():
        staff = request.getfixturevalue(name)
        staff.first_name, staff.last_name = first, last
        staff.save()
    user = request.getfixturevalue(role)
    client.force_login(user)
    found = crawl(client)
    report = "\n".join(f"{url}: {', '.join(words)}" for url, words in found.items())
    assert not found, f"English in the {role}'s admin pages:\n{report}"
