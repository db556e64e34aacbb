"""The photo library: every upload path files a reusable item; search in any Arabic
spelling; stories and galleries pick existing photos; crops keep the focal point."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from articles.models import Article, Gallery
from images import renditions
from images.models import Image
from tests.conftest import form_errors, image_bytes, jpeg_upload, upload
from tests.desk.admin_forms import ADD_URL, form_data

pytestmark = pytest.mark.django_db


def test_a_featured_image_upload_becomes_a_library_item_the_story_points_to(
    client, journalist, category, media
):
    client.force_login(journalist)
    data = form_data(category=str(category.pk), image_caption="ساحة الحمام", image_credit="أ.ف.ب")
    data["image"] = jpeg_upload("a.jpg", size=(800, 450))
    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get()
    item = Image.objects.get()
    assert article.photo == item and item.file.name == article.image.name
    assert (item.width, item.height, item.caption, item.credit) == (
        800,
        450,
        "ساحة الحمام",
        "أ.ف.ب",
    )
    assert item.uploaded_by == journalist


def test_gallery_uploads_and_editor_uploads_are_library_items(client, editor, media):
    client.force_login(editor)
    client.post(
        "/admin/articles/gallery/add/",
        {"title": "ألبوم", "upload_photos": [jpeg_upload("a.jpg"), jpeg_upload("b.jpg")],
         "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"},
    )  # fmt: skip
    response = client.post("/admin/editor-upload/", {"upload": jpeg_upload("c.jpg")})
    assert response.json()["uploaded"] == 1
    names = set(Image.objects.values_list("file", flat=True))
    assert {p.image.name for p in Gallery.objects.get().photos.all()} <= names
    assert len(names) == 3


def test_the_library_is_searched_in_any_arabic_spelling(client, editor, media):
    Image.objects.create(file="library/a.jpg", width=10, height=10, caption="إفتتاح المعرض")
    Image.objects.create(file="library/b.jpg", width=10, height=10, credit="وكالة المغرب العربي")
    assert [i.caption for i in Image.objects.search("افتتاح")] == ["إفتتاح المعرض"]
    assert Image.objects.search("المغرب").count() == 1
    client.force_login(editor)
    page = client.get("/admin/images/image/", {"q": "الافتتاح"}).text
    assert page.count("library-thumb") == 0  # folded, but not a different word
    page = client.get("/admin/images/image/", {"q": "افتتاح"}).text
    assert page.count("library-thumb") == 1


def test_a_story_picks_an_existing_photo_and_keeps_its_image_fields_filled(
    client, journalist, category, media
):
    stored = default_storage.save(
        "library/2026/12/existing.jpg", upload(image_bytes("JPEG", (1600, 900)))
    )
    item = Image.objects.create(
        file=stored, width=1600, height=900, caption="الميناء", credit="م.ن"
    )
    client.force_login(journalist)
    response = client.post(ADD_URL, form_data(category=str(category.pk), photo=str(item.pk)))
    assert response.status_code == 302, form_errors(response)
    article = Article.objects.get()
    assert article.photo == item
    assert article.image.name == stored
    assert (article.image_width, article.image_height) == (1600, 900)
    assert (article.image_caption, article.image_credit) == ("الميناء", "م.ن")
    assert Image.objects.count() == 1  # reused, not uploaded again


def test_a_gallery_adds_photos_from_the_library(client, editor, media):
    stored = default_storage.save("library/x.jpg", upload(image_bytes("JPEG", (300, 200))))
    item = Image.objects.create(file=stored, width=300, height=200, caption="صورة قديمة")
    client.force_login(editor)
    response = client.post(
        "/admin/articles/gallery/add/",
        {"title": "ألبوم", "from_library": [str(item.pk)],
         "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 302, form_errors(response)
    photo = Gallery.objects.get().photos.get()
    assert (photo.image.name, photo.caption, photo.width) == (stored, "صورة قديمة", 300)


def test_the_editors_image_button_opens_the_library(client, journalist, media):
    Image.objects.create(file="library/a.jpg", width=10, height=10, caption="صورة للنص")
    client.force_login(journalist)
    page = client.get("/admin/images/image/pick/", {"CKEditorFuncNum": "3"}).text
    assert "صورة للنص" in page and 'data-callback="3"' in page
    forged = client.get("/admin/images/image/pick/", {"CKEditorFuncNum": "1);alert(1"}).text
    assert 'data-callback=""' in forged
    editor_page = client.get(ADD_URL).text
    assert "/admin/images/image/pick/" in editor_page  # CKEditor's «browse server»


def test_crops_keep_the_focal_point_in_the_frame(media):
    # A white picture with a red square near its right edge.
    picture = PILImage.new("RGB", (1600, 900), (255, 255, 255))
    picture.paste((220, 0, 0), (1400, 400, 1500, 500))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95)
    stored = default_storage.save("library/focal.jpg", upload(buffer.getvalue()))
    item = Image.objects.create(file=stored, width=1600, height=900, focal_x=0.9, focal_y=0.5)
    written = renditions.make_renditions(item.file, item.width)
    square = renditions.crop_name(stored, "1x1", 900, "jpg")
    assert square in written
    with default_storage.open(square) as fh, PILImage.open(fh) as crop:
        assert crop.size == (900, 900)
        red = crop.convert("RGB").getpixel((750, 450))  # 1450 in the source
        assert red[0] > 180 and red[1] < 80  # the subject is inside the square
    url = renditions.crop_url(item.file, 1600, 900, "16x9", 1280)
    assert url.endswith("-16x9-1280.jpg")
    assert renditions.crop_widths(1600, 900, "16x9")[-1] == 1600  # ≥1,200 for search engines
    assert renditions.make_renditions(item.file, item.width) == []  # all there: nothing redone


def jpeg_half_black(width: int, height: int) -> bytes:
    picture = PILImage.new("RGB", (width, height), (255, 255, 255))
    picture.paste((0, 0, 0), (0, 0, width // 2, height))  # the left half black
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=95)
    return buffer.getvalue()


def test_moving_the_focal_point_redraws_the_crops(client, editor, media):
    stored = default_storage.save("library/move.jpg", upload(jpeg_half_black(1200, 600)))
    item = Image.objects.create(file=stored, width=1200, height=600)
    renditions.make_renditions(item.file, item.width)
    square = renditions.crop_name(stored, "1x1", 600, "jpg")

    def pixel(x: int) -> int:
        with default_storage.open(square) as fh, PILImage.open(fh) as crop:
            return crop.convert("L").getpixel((x, 300))

    assert pixel(500) > 200  # centred: the square's far part is the white half
    client.force_login(editor)
    data = {"caption": "", "credit": "", "alt_text": "", "focal_x": "0.0", "focal_y": "0.5"}
    response = client.post(f"/admin/images/image/{item.pk}/change/", data)
    assert response.status_code == 302, form_errors(response)
    assert pixel(500) < 50  # the square moved to the black left edge


def test_structured_data_gets_the_three_crops_at_1200_pixels_where_the_original_allows():
    from django.template import Context, Template

    from articles.models import Photo

    photo = Photo()
    photo.image.name = "articles/2026/12/wide.jpg"
    template = Template(
        "{% load pictures %}{% crop_urls image 2400 1600 as urls %}{{ urls|join:' ' }}"
    )
    urls = template.render(Context({"image": photo.image})).split()
    assert [u.rsplit("-", 2)[1] for u in urls] == ["16x9", "4x3", "1x1"]
    assert all(int(u.rsplit("-", 1)[1].split(".")[0]) >= 1200 for u in urls)
