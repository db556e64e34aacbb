"""WordPress's public theme unit test export: 58 posts full of edge cases, 37 attachments.

Its attachments point at WordPress.com's files host and their image files are not in the
export: the importer must report them missing, never fetch them.
"""

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from articles.models import Article, Photo
from tests.wordpress.conftest import draw_image, run_import
from wordpress.models import ImportedPost

pytestmark = pytest.mark.django_db

NS = {"wp": "https://wordpress.org/export/1.2/"}


def posts_in(path: Path) -> list[dict[str, str]]:
    """The export's posts, read independently of the importer."""
    root = ET.parse(path).getroot()
    found = []
    for item in root.iter("item"):
        if item.findtext("wp:post_type", namespaces=NS) == "post":
            found.append(
                {
                    "id": item.findtext("wp:post_id", namespaces=NS),
                    "status": item.findtext("wp:status", namespaces=NS),
                    "password": item.findtext("wp:post_password", namespaces=NS) or "",
                    "link": item.findtext("link"),
                }
            )
    return found


def test_the_theme_export_imports_with_the_expected_counts(theme_export, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the importer tried to open a network connection")

    monkeypatch.setattr("socket.socket.connect", no_network)

    summary = run_import(theme_export)

    assert "Posts: 58 imported, 0 updated, 0 unchanged, 0 refused." in summary
    assert "menu items 70" in summary and "pages 21" in summary
    assert "Comments skipped: 28." in summary
    assert "password-protected → draft 1" in summary
    assert "untitled 1" in summary and "sticky 1" in summary
    assert "Missing media (" in summary and "2008/06/canola2.jpg" in summary
    assert "audio 1" in summary  # the [audio] shortcode, removed and counted
    assert Article.objects.count() == 58
    # 56 published posts less the password-protected one; the scheduled post waits.
    assert Article.objects.published().count() == 55
    assert Article.objects.filter(status=Article.Status.DRAFT).count() == 2


def test_a_second_run_of_the_theme_export_changes_nothing(theme_export):
    run_import(theme_export)
    before = sorted(Article.objects.values_list("pk", "version", "updated_at"))

    summary = run_import(theme_export)

    assert "Posts: 0 imported, 0 updated, 58 unchanged, 0 refused." in summary
    assert sorted(Article.objects.values_list("pk", "version", "updated_at")) == before


def test_every_old_post_address_of_the_theme_export_redirects(theme_export, client):
    run_import(theme_export)

    for post in posts_in(theme_export):
        article = Article.objects.get(wordpress_post__wp_id=int(post["id"]))
        path = urlsplit(post["link"]).path or "/"
        query = urlsplit(post["link"]).query
        for old in (path + (f"?{query}" if query else ""), f"/?p={post['id']}"):
            response = client.get(old)
            if article.is_visible:
                assert response.status_code == 301, old
                assert response["Location"] == article.get_absolute_url(), old
            else:
                assert response.status_code == 404, old


def test_edge_cases_of_the_theme_export(theme_export):
    run_import(theme_export)

    def article(wp_id: int) -> Article:
        return Article.objects.get(wordpress_post__wp_id=wp_id)

    assert article(1173).title == "Markup: Title With Markup"
    assert article(1174).title.startswith("Markup: Title With Special Characters ~`!@#$%^&*()")
    assert article(1169).title.startswith("This post has no title")  # made from its words
    assert len(article(1175).title) <= 200
    password = article(1168)
    assert password.status == Article.Status.DRAFT
    assert "كلمة سر" in ImportedPost.objects.get(wp_id=1168).note
    assert article(1164).status == Article.Status.DRAFT
    assert article(1153).is_scheduled
    assert article(1161).kind == Article.Kind.VIDEO
    assert article(1161).video_url == "https://www.youtube.com/watch?v=SQEQr7c0-dw"
    # Titles, bodies: no markup of the old site's editor survives unsanitised.
    assert not Article.objects.filter(body__contains="<script").exists()
    assert not Article.objects.filter(body__contains="<!-- wp:").exists()
    # «[simple boat]» in a sentence is not a shortcode.
    assert "[simple boat]" in article(358).body


def test_a_gallery_with_ids_from_the_wordpress_com_files_host(theme_export, tmp_path):
    """[gallery ids="755,757,758,760,766,763"]: files found by their dated URL path."""
    media = tmp_path / "uploads"
    for name in ("100_5540", "dcp_2082", "dsc03149", "dsc09114", "michelle_049"):
        draw_image(media / "2008/06" / f"{name}.jpg", colour=(len(name) * 20, 80, 120))

    summary = run_import(theme_export, "--media", str(media))

    gallery = Article.objects.get(wordpress_post__wp_id=1031).gallery
    captions = list(gallery.photos.values_list("caption", flat=True))
    assert captions == [
        "Golden Gate Bridge",
        "Boardwalk at Westport, WA",
        "Boats and reflections, Royal Perth Yacht Club",
        "Sydney Harbor Bridge",
        "Beach at Big Sur, CA",
    ]
    # 763 is not among the export's attachments.
    assert "attachment 763 (not in the export)" in summary
    assert Photo.objects.count() >= 5


def test_every_imported_article_page_renders(theme_export, client):
    run_import(theme_export)

    for article in Article.objects.published():
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200, article.get_absolute_url()
    assert client.get("/").status_code == 200
    assert client.get("/feed/").status_code == 200
