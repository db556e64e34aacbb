"""The rich-text editor's upload: the project's own safe view, not ckeditor_uploader's."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.conftest import image_bytes

pytestmark = pytest.mark.django_db

UPLOAD_URL = "/admin/editor-upload/"


def png(size=(40, 30)) -> bytes:
    return image_bytes("PNG", size)


def gif_html_polyglot() -> bytes:
    return (
        image_bytes("GIF", (10, 10), mode="P", colour=0) + b"<html><script>alert(1)</script></html>"
    )


def post(client, name: str, content: bytes, content_type="image/png"):
    return client.post(UPLOAD_URL, {"upload": SimpleUploadedFile(name, content, content_type)})


def test_the_editor_widget_posts_to_the_projects_view():
    assert reverse("ckeditor_upload") == UPLOAD_URL


def test_ckeditor_uploaders_own_views_are_not_mounted(client, editor):
    client.force_login(editor)
    assert post_raw(client, "/ckeditor/upload/").status_code == 404


def post_raw(client, url):
    return client.post(url, {"upload": SimpleUploadedFile("a.png", png(), "image/png")})


def test_a_journalist_uploads_an_image_under_a_server_chosen_name(client, journalist, media):
    client.force_login(journalist)
    response = post(client, "../../etc/passwd.png", png())
    assert response.status_code == 200
    data = response.json()
    assert data["uploaded"] == 1
    assert data["url"].startswith("/media/editor/")
    assert data["url"].endswith(".png")
    assert "passwd" not in data["url"]
    stored = data["url"].removeprefix("/media/")
    with default_storage.open(stored) as fh:
        assert Image.open(fh).size == (40, 30)


def test_upload_requires_the_csrf_token(journalist):
    client = Client(enforce_csrf_checks=True)
    client.force_login(journalist)
    response = post(client, "a.png", png())
    assert response.status_code == 403


def test_staff_without_article_rights_cannot_upload(client, django_user_model):
    user = django_user_model.objects.create_user("intern", password="x", is_staff=True)
    client.force_login(user)
    assert post(client, "a.png", png()).status_code == 403


def test_readers_cannot_upload(client):
    response = post(client, "a.png", png())
    assert response.status_code == 302  # to the login page


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
         "image/svg+xml"),
        ("photo.jpg", b"just some text renamed", "image/jpeg"),
    ],
)  # fmt: skip
def test_non_images_are_refused_with_a_message(client, journalist, name, content, content_type):
    client.force_login(journalist)
    response = post(client, name, content, content_type)
    assert response.status_code == 400
    data = response.json()
    assert data["uploaded"] == 0
    assert data["error"]["message"]


def test_a_gif_html_polyglot_is_stored_as_a_clean_gif(client, journalist, media):
    client.force_login(journalist)
    response = post(client, "evil.html", gif_html_polyglot(), "text/html")
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.endswith(".gif")
    with default_storage.open(url.removeprefix("/media/")) as fh:
        assert b"<script" not in fh.read()


def test_a_decompression_bomb_gets_an_error_not_a_500(client, journalist, bomb):
    client.force_login(journalist)
    response = post(client, "bomb.png", bomb)
    assert response.status_code == 400
    assert response.json()["uploaded"] == 0
