"""The work one upload may cost is bounded, for every format and every path it arrives by.

Two journalists' uploads of a 460 KB GIF with 20,000 one-pixel frames once held both app
processes for 30 s. Frames, progressive scans, pixels and time are each bounded before (or,
for time, while) the pixels are decoded; ``scripts/bench_uploads.py`` measures the cost.
"""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Author, Gallery
from images.gate import clean_image, gif_frame_count
from tests.conftest import (
    animation_bytes,
    form_errors,
    image_bytes,
    many_frame_gif,
    many_scan_jpeg,
    upload,
)
from tests.desk.admin_forms import ADD_URL, assert_image_refused, form_data
from tests.desk.test_galleries_and_editor import inline_management

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def gif_20000() -> bytes:
    return many_frame_gif(20_000)


def refusal(data: bytes, name: str = "a.gif") -> str:
    with pytest.raises(ValidationError) as caught:
        clean_image(upload(data, name=name, content_type="image/gif"))
    return caught.value.code


def test_the_attackers_gif_is_460_kb_of_20000_frames(gif_20000):
    assert 450_000 < len(gif_20000) < 470_000
    assert gif_frame_count(gif_20000, limit=10**6) == 20_000


def test_the_20000_frame_gif_is_refused_for_its_frames(gif_20000):
    assert refusal(gif_20000) == "too_many_frames"


def test_counting_frames_stops_past_the_limit(gif_20000):
    assert gif_frame_count(gif_20000, limit=200) == 201


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_an_animation_over_the_frame_limit_is_refused_in_every_animated_format(settings, fmt):
    settings.IMAGE_MAX_FRAMES = 5
    assert refusal(animation_bytes(fmt, 6)) == "too_many_frames"


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "WEBP"])
def test_an_animation_at_the_frame_limit_is_kept(settings, fmt):
    settings.IMAGE_MAX_FRAMES = 5
    result = clean_image(upload(animation_bytes(fmt, 5), name="a.bin"))
    assert result.format == fmt


def test_frames_count_against_the_pixel_budget(settings):
    settings.IMAGE_MAX_PIXELS = 64 * 64 * 3
    assert refusal(animation_bytes("GIF", 4, (64, 64))) == "too_many_pixels"


def test_a_jpeg_with_thousands_of_scans_is_refused_before_decoding():
    assert refusal(many_scan_jpeg(2_000), name="a.jpg") == "too_slow"


def test_an_ordinary_progressive_jpeg_is_kept():
    data = image_bytes("JPEG", (64, 48), progressive=True)
    assert clean_image(upload(data)).format == "JPEG"


def test_the_time_budget_stops_a_long_re_encoding(settings):
    settings.IMAGE_MAX_SECONDS = 0  # already spent: the first check between frames refuses
    assert refusal(animation_bytes("GIF", 3)) == "too_slow"


@pytest.mark.parametrize(
    "data",
    [
        many_frame_gif(3)[:40],  # cut inside the frames
        many_frame_gif(3)[:-12],  # cut inside the last image descriptor
        b"GIF89a" + b"\xff" * 20,  # a header and noise
        many_frame_gif(2).replace(b"\x02\x02\x44\x01\x00", b"\x02\xff"),  # sub-block overruns
    ],
)
def test_a_broken_gif_is_a_clear_refusal_or_its_readable_frames(data):
    try:
        result = clean_image(upload(data, name="a.gif", content_type="image/gif"))
    except ValidationError as error:
        assert error.code in {"invalid", "corrupt"}
    else:
        assert result.format == "GIF"


# -- every path an image arrives by --------------------------------------------------------


def test_the_editors_upload_button_refuses_it(client, journalist, gif_20000, media):
    client.force_login(journalist)
    response = client.post(
        "/admin/editor-upload/", {"upload": upload(gif_20000, "a.gif", "image/gif")}
    )
    assert response.status_code == 400
    assert response.json()["uploaded"] == 0
    assert "200" in response.json()["error"]["message"]
    assert not any(media.rglob("*.gif"))


def test_the_featured_image_refuses_it(client, editor, category, gif_20000, media):
    client.force_login(editor)
    data = form_data(category=str(category.pk), image=upload(gif_20000, "a.gif", "image/gif"))
    assert_image_refused(client.post(ADD_URL, data))


def test_the_gallery_bulk_upload_refuses_it(client, editor, gif_20000, media):
    client.force_login(editor)
    data = {
        "title": "ألبوم",
        "upload_photos": [upload(gif_20000, "many.gif", "image/gif")],
        **inline_management(),
    }
    response = client.post("/admin/articles/gallery/add/", data)
    assert response.status_code == 200
    assert "many.gif" in str(response.context["adminform"].form.errors)
    assert not Gallery.objects.exists()


def test_an_author_photo_refuses_it(client, superuser, gif_20000, media):
    client.force_login(superuser)
    data = {"name": "كاتب", "slug": "", "bio": "", "user": "", "photo": upload(gif_20000)}
    response = client.post("/admin/articles/author/add/", data)
    assert response.status_code == 200
    assert "photo" in form_errors(response)
    assert not Author.objects.exists()
