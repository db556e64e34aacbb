"""Fixtures for the WordPress import: the two exports, an uploads folder, a WXR builder."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from django.core.management import call_command
from PIL import Image, ImageDraw

DATA = Path(__file__).parent / "data"
ARABIC_EXPORT = DATA / "arabic-export.xml"
ARABIC_SITE = "https://akhbar.example.ma"
THEME_NAME = "themeunittestdata.wordpress.xml"


@pytest.fixture
def theme_export() -> Path:
    """WordPress's theme unit test export (see data/README.md)."""
    return DATA / THEME_NAME


def draw_image(path: Path, size=(800, 533), colour=(180, 120, 40), fmt="JPEG") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).rectangle([40, 40, size[0] // 2, size[1] // 2], fill=(30, 90, 160))
    image.save(path, fmt)
    return path


@pytest.fixture
def uploads(tmp_path) -> Path:
    """The Arabic site's wp-content/uploads: real images, a PDF, a file that is no image."""
    root = tmp_path / "uploads"
    draw_image(root / "2024/05/vegetables.jpg")
    draw_image(root / "2024/05/souk.jpg", colour=(90, 140, 60))
    draw_image(root / "2024/05/souk-300x200.jpg", size=(300, 200), colour=(90, 140, 60))
    draw_image(root / "2024/06/festival-1.jpg", colour=(200, 40, 40))
    draw_image(root / "2024/06/festival-2.png", colour=(40, 200, 40), fmt="PNG")
    draw_image(root / "2024/06/festival-3.jpg", colour=(40, 40, 200))
    draw_image(root / "2024/06/books.jpg", size=(1200, 800))
    draw_image(root / "2024/06/stadium.jpg", colour=(20, 120, 20))
    (root / "2024/05/report.pdf").write_bytes(b"%PDF-1.4\n% a report, not an image\n")
    (root / "2023/07").mkdir(parents=True)
    (root / "2023/07/broken.jpg").write_bytes(b"this file only pretends to be a JPEG")
    return root


def run_import(path, *args: str) -> str:
    out = io.StringIO()
    call_command("import_wordpress", str(path), *args, "--verbosity", "0", stdout=out)
    return out.getvalue()


@pytest.fixture
def import_arabic(db, uploads):
    """Import the Arabic export with its uploads; returns the command's summary."""

    def run(*args: str) -> str:
        return run_import(ARABIC_EXPORT, "--media", str(uploads), *args)

    return run


def post_xml(
    wp_id,
    title="خبر",
    slug="خبر",
    status="publish",
    content="<p>نص.</p>",
    date="2024-05-20 09:30:00",
    date_gmt="2024-05-20 08:30:00",
    post_type="post",
    link=None,
    extra="",
) -> str:
    """One <item>, values escaped; ``extra`` is raw XML (categories, postmeta…)."""
    link = link if link is not None else f"https://old.example.org/{slug}/"
    return f"""
  <item>
    <title>{escape(title)}</title>
    <link>{escape(link)}</link>
    <dc:creator>editor</dc:creator>
    <content:encoded>{escape(content)}</content:encoded>
    <excerpt:encoded></excerpt:encoded>
    <wp:post_id>{wp_id}</wp:post_id>
    <wp:post_date>{date}</wp:post_date>
    <wp:post_date_gmt>{date_gmt}</wp:post_date_gmt>
    <wp:post_name>{escape(slug)}</wp:post_name>
    <wp:status>{status}</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type>{post_type}</wp:post_type>
    <wp:post_password></wp:post_password>
    <wp:is_sticky>0</wp:is_sticky>{extra}
  </item>"""


def wxr(*items: str, prolog: str = "", version: str = "1.2", site="https://old.example.org") -> str:
    """A small WXR document around ``items`` (strings from :func:`post_xml`)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>{prolog}
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/{version}/">
<channel>
  <title>موقع قديم</title>
  <link>{site}</link>
  <wp:wxr_version>{version}</wp:wxr_version>
  <wp:base_site_url>{site}</wp:base_site_url>
  <wp:base_blog_url>{site}</wp:base_blog_url>
  <wp:author><wp:author_login>editor</wp:author_login>
    <wp:author_display_name>هيئة التحرير</wp:author_display_name></wp:author>
  <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>news</wp:category_nicename>
    <wp:category_parent></wp:category_parent><wp:cat_name>أخبار</wp:cat_name></wp:category>
{"".join(items)}
</channel>
</rss>
"""


@pytest.fixture
def write_export(tmp_path):
    """Write a WXR text to a file and return its path."""

    def write(text: str, name: str = "export.xml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


NEWS = '\n    <category domain="category" nicename="news"><![CDATA[أخبار]]></category>'
