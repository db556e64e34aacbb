"""Galleries: many photos in one step, ordered; the featured image checks; the editor set-up."""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Gallery
from tests.conftest import form_errors, jpeg_upload, upload
from tests.desk.admin_forms import ADD_URL, assert_image_refused, change_url, form_data

pytestmark = pytest.mark.django_db


def inline_management(prefix="photos", total=0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(total),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_a_photographer_uploads_many_photos_in_one_step(client, journalist, media):
    client.force_login(journalist)
    data = {
        "title": "ألبوم المهرجان",
        "upload_photos": [
            jpeg_upload("a.jpg"),
            jpeg_upload("b.jpg", (200, 0, 0)),
            jpeg_upload("c.jpg", (0, 200, 0)),
        ],
        **inline_management(),
    }
    response = client.post("/admin/articles/gallery/add/", data)
    assert response.status_code == 302, form_errors(response)
    gallery = Gallery.objects.get()
    photos = list(gallery.photos.all())
    assert [p.position for p in photos] == [1, 2, 3]
    # Server-chosen names: a random hex name with the real format's extension.
    assert all(re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", p.image.name) for p in photos)


def test_one_bad_file_in_a_batch_saves_nothing_and_says_which(client, editor):
    client.force_login(editor)
    bad = SimpleUploadedFile("notes.jpg", b"not an image at all", "image/jpeg")
    data = {"title": "ألبوم", "upload_photos": [jpeg_upload("a.jpg"), bad], **inline_management()}
    response = client.post("/admin/articles/gallery/add/", data)
    assert response.status_code == 200
    assert "notes.jpg" in str(response.context["adminform"].form.errors)
    assert not Gallery.objects.exists()


def test_photos_are_reordered_by_their_position(client, editor, media):
    client.force_login(editor)
    client.post(
        "/admin/articles/gallery/add/",
        {
            "title": "ألبوم",
            "upload_photos": [jpeg_upload("a.jpg"), jpeg_upload("b.jpg")],
            **inline_management(),
        },
    )
    gallery = Gallery.objects.get()
    first, second = gallery.photos.all()
    data = {"title": "ألبوم", **inline_management(total=2)}
    for index, (photo, position) in enumerate([(first, 5), (second, 1)]):
        data.update(
            {
                f"photos-{index}-id": str(photo.pk),
                f"photos-{index}-gallery": str(gallery.pk),
                f"photos-{index}-caption": f"صورة {index}",
                f"photos-{index}-credit": "",
                f"photos-{index}-position": str(position),
            }
        )
    response = client.post(f"/admin/articles/gallery/{gallery.pk}/change/", data)
    assert response.status_code == 302, form_errors(response)
    assert list(gallery.photos.all()) == [second, first]


def test_a_featured_image_that_is_not_an_image_is_a_form_error(client, editor, category):
    client.force_login(editor)
    data = form_data(category=str(category.pk))
    data["image"] = SimpleUploadedFile("photo.jpg", b"<?php echo 1; ?>", "image/jpeg")
    assert_image_refused(client.post(ADD_URL, data))


def test_a_featured_image_bomb_is_a_form_error_not_a_500(client, editor, category, bomb):
    client.force_login(editor)
    data = form_data(category=str(category.pk))
    data["image"] = upload(bomb, "big.png", "image/png")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "image" in form_errors(response)


def editor_config(page: str) -> dict:
    raw = re.search(r'data-config="([^"]+)"', page).group(1)
    return json.loads(raw.replace("&quot;", '"').replace("&amp;", "&"))


def test_the_editor_is_arabic_right_to_left_with_source_mode_for_editors_only(
    client, editor, journalist, make_article
):
    article = make_article(created_by=journalist, status="draft", published_at=None)
    client.force_login(journalist)
    config = editor_config(client.get(change_url(article)).text)
    assert config["language"] == "ar"
    assert config["contentsLangDirection"] == "rtl"
    toolbar = json.dumps(config["toolbar_newsroom"])
    assert "Image" in toolbar and "Link" in toolbar and "Source" not in toolbar
    client.force_login(editor)
    config = editor_config(client.get(change_url(article)).text)
    assert "Source" in json.dumps(config["toolbar_newsroom"])


def test_the_article_forms_gallery_picker_lists_the_newest_first_in_stable_pages(
    client, journalist
):
    # Galleries are shown with their photo counts (a grouped query, which drops the
    # model's ordering): the picker must still page through them newest first.
    made = [Gallery.objects.create(title=f"ألبوم رقم {n}") for n in range(25)]
    client.force_login(journalist)
    query = "app_label=articles&model_name=article&field_name=gallery&term=ألبوم"
    seen = []
    for page in (1, 2):
        response = client.get(f"/admin/autocomplete/?{query}&page={page}")
        assert response.status_code == 200
        seen += [int(item["id"]) for item in response.json()["results"]]
    assert seen == [gallery.pk for gallery in reversed(made)]
