"""Feed readers show every text as it was typed: no markup of ours or a journalist's runs.

Readers render ``<description>`` (and many render titles) as HTML, so the XML must carry
the text HTML-escaped. Parsing the XML and then the HTML must give back the typed text.
"""

from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from articles.models import Author, Category

pytestmark = pytest.mark.django_db

TYPED = [
    "<b>عاجل</b> انقطاع الكهرباء",
    '<img src=x onerror="alert(1)">',
    "<script>alert(1)</script>",
    "الربح &amp; الخسارة & أخرى",
    "&lt;p&gt; مكتوبة هكذا",
    "]]> <![CDATA[ x",
    "A < B > C \"quoted\" 'single'",
]


class _Text(HTMLParser):
    """What an HTML-rendering feed reader shows: the text, and any element it would build."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.elements: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.elements.append(tag)

    def handle_data(self, data) -> None:
        self.parts.append(data)


def as_rendered(html: str) -> tuple[str, list[str]]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts), parser.elements


@pytest.mark.parametrize("text", TYPED)
def test_every_text_field_reaches_the_reader_as_typed(client, make_article, text):
    section = Category.objects.create(name=f"قسم {text}", slug="qism", description=text)
    author = Author.objects.create(name=f"كاتب {text}", slug="katib")
    make_article(title=f"عنوان {text}", excerpt=f"ملخص {text}", category=section, authors=[author])
    for url in ("/feed/", "/section/qism/feed/"):
        root = ElementTree.fromstring(client.get(url).content)
        item = root.find("channel/item")
        fields = {
            "title": (item.findtext("title"), f"عنوان {text}"),
            "description": (item.findtext("description"), f"ملخص {text}"),
            "author": (
                item.findtext("{http://purl.org/dc/elements/1.1/}creator"),
                f"كاتب {text}",
            ),
            "category": (item.findtext("category"), f"قسم {text}"),
        }
        if url != "/feed/":
            fields["channel description"] = (root.findtext("channel/description"), text)
        for name, (raw, expected) in fields.items():
            shown, elements = as_rendered(raw)
            assert shown == expected, (url, name, raw)
            assert elements == [], (url, name, raw)
