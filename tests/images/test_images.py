"""Uploaded images: only real JPEG/PNG/WebP/GIF, within limits, re-encoded without metadata."""

import io
import struct
from unittest import mock

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import ExifTags, Image, PngImagePlugin

from articles.models import Photo
from images.fields import ValidatedImageField
from images.gate import clean_image, clean_image_file
from tests.conftest import image_bytes, png_bomb, upload

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<html><script>alert(1)</script></html>"


def reopen(result) -> Image.Image:
    result.content.seek(0)
    return Image.open(io.BytesIO(result.content.read()))


def test_a_real_jpeg_passes_and_gets_a_server_chosen_jpg_name():
    result = clean_image(upload(image_bytes(), name="عاجل من المصدر.jpeg"))

    assert result.format == "JPEG"
    assert (result.width, result.height) == (64, 48)
    assert result.content.name.endswith(".jpg")
    assert len(result.content.name) == 32 + 4
    assert "المصدر" not in result.content.name
    assert reopen(result).format == "JPEG"


def test_every_upload_gets_a_different_name():
    data = image_bytes()
    assert clean_image(upload(data)).content.name != clean_image(upload(data)).content.name


def test_a_png_renamed_to_jpg_is_stored_as_png():
    result = clean_image(upload(image_bytes("PNG"), name="photo.jpg"))

    assert result.format == "PNG"
    assert result.content.name.endswith(".png")
    assert reopen(result).format == "PNG"


@pytest.mark.parametrize("fmt", ["WEBP", "GIF"])
def test_webp_and_gif_are_accepted_in_their_own_format(fmt):
    result = clean_image(ContentFile(image_bytes(fmt)))
    assert result.format == fmt
    assert reopen(result).format == fmt


def test_a_text_file_renamed_to_jpg_is_refused():
    with pytest.raises(ValidationError) as exc:
        clean_image(upload(b"just some notes, not a picture\n" * 20, name="notes.jpg"))
    assert exc.value.code == "invalid"


def test_an_svg_with_a_script_is_refused():
    with pytest.raises(ValidationError) as exc:
        clean_image(upload(SVG, name="logo.svg", content_type="image/svg+xml"))
    assert exc.value.code == "invalid"


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as exc:
        clean_image(upload(b""))
    assert exc.value.code == "empty"


def _real_pdf() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buf, "PDF")
    return buf.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_real_pdf(), id="pdf"),
        pytest.param(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", id="eps"),
        pytest.param(b"SIMPLE  =                    T" + b" " * 2850, id="fits"),
        # Real pictures Pillow could decode, but not formats we publish.
        pytest.param(image_bytes("BMP"), id="bmp"),
        pytest.param(image_bytes("TIFF"), id="tiff"),
    ],
)
def test_formats_other_than_jpeg_png_webp_gif_are_never_opened(data):
    with pytest.raises(ValidationError) as exc:
        clean_image(upload(data, name="photo.jpg"))
    assert exc.value.code == "invalid"


def test_a_gif_html_polyglot_is_re_encoded_without_the_html():
    result = clean_image(upload(image_bytes("GIF") + HTML, name="page.html"))

    result.content.seek(0)
    data = result.content.read()
    assert result.content.name.endswith(".gif")
    assert b"<html" not in data
    assert b"<script" not in data
    assert Image.open(io.BytesIO(data)).format == "GIF"


def test_an_animated_gif_keeps_its_frames():
    colors = ((255, 0, 0), (0, 255, 0), (0, 0, 255))
    frames = [Image.new("RGB", (30, 20), color) for color in colors]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=120, loop=0)

    result = reopen(clean_image(ContentFile(buf.getvalue())))

    assert result.n_frames == 3


def test_a_decompression_bomb_is_refused_with_a_clear_error(settings, bomb):
    assert struct.unpack(">II", bomb[16:24]) == (20000, 20000)  # IHDR width, height
    assert len(bomb) < 100_000

    with pytest.raises(ValidationError) as exc:
        clean_image(upload(bomb, name="bomb.png"))

    assert exc.value.code == "too_many_pixels"
    assert str(settings.IMAGE_MAX_PIXELS // 1_000_000) in exc.value.messages[0]


def test_pillows_bomb_warning_counts_as_an_error_even_under_a_higher_limit(settings):
    # 100 Mpx: above Pillow's warning threshold (≈89 Mpx), below its hard error.
    settings.IMAGE_MAX_PIXELS = 500_000_000
    with pytest.raises(ValidationError) as exc:
        clean_image(upload(png_bomb(10000, 10000), name="bomb.png"))
    assert exc.value.code == "too_many_pixels"


def test_the_pixel_limit_is_checked_from_the_header_before_decoding(settings):
    settings.IMAGE_MAX_PIXELS = 1000
    data = image_bytes("PNG", size=(40, 30))  # 1200 pixels

    with (
        mock.patch.object(Image.Image, "load", side_effect=AssertionError("decoded")),
        pytest.raises(ValidationError) as exc,
    ):
        clean_image(upload(data, name="photo.png"))

    assert exc.value.code == "too_many_pixels"


def test_an_image_at_the_pixel_limit_passes(settings):
    settings.IMAGE_MAX_PIXELS = 1200
    assert clean_image(upload(image_bytes("PNG", size=(40, 30)))).width == 40


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(settings):
    settings.IMAGE_MAX_BYTES = 100
    file = upload(image_bytes())
    assert file.size > 100
    file.file = mock.Mock(wraps=file.file)

    with (
        mock.patch.object(Image, "open", side_effect=AssertionError("opened")),
        pytest.raises(ValidationError) as exc,
    ):
        clean_image(file)

    assert exc.value.code == "too_big"
    file.file.read.assert_not_called()


def test_a_file_object_without_a_size_cannot_exceed_the_byte_limit(settings):
    settings.IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as exc:
        clean_image(io.BytesIO(image_bytes()))
    assert exc.value.code == "too_big"


def _exif_with_gps_and_camera() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SourceCam"
    exif[ExifTags.Base.Model] = "Model X"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (33.0, 30.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (36.0, 17.0, 44.0)
    return exif


def test_gps_and_camera_metadata_are_stripped_from_a_jpeg():
    source = image_bytes(
        exif=_exif_with_gps_and_camera(),
        comment=b"taken at the safe house",
        xmp=b"<x:xmpmeta>reporter: Samir</x:xmpmeta>",
    )
    source_exif = Image.open(io.BytesIO(source)).getexif()
    assert source_exif[ExifTags.Base.Make] == "SourceCam"
    assert ExifTags.IFD.GPSInfo in source_exif

    result = clean_image(upload(source))
    result.content.seek(0)
    data = result.content.read()
    exif = Image.open(io.BytesIO(data)).getexif()

    assert ExifTags.IFD.GPSInfo not in exif
    assert ExifTags.Base.Make not in exif
    assert ExifTags.Base.Model not in exif
    for secret in (b"SourceCam", b"safe house", b"Samir", b"xmpmeta"):
        assert secret not in data


def test_text_chunks_and_exif_are_stripped_from_a_png():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Samir")
    info.add_text("Location", "Aleppo", zip=True)
    source = image_bytes("PNG", pnginfo=info, exif=_exif_with_gps_and_camera())

    result = clean_image(upload(source, name="shot.png"))
    result.content.seek(0)
    data = result.content.read()

    assert b"Samir" not in data
    assert b"Author" not in data
    assert b"SourceCam" not in data
    assert not Image.open(io.BytesIO(data)).getexif()


def test_gps_is_stripped_from_a_webp():
    source = image_bytes("WEBP", exif=_exif_with_gps_and_camera())
    result = reopen(clean_image(upload(source, name="shot.webp")))
    assert not result.getexif()


def test_exif_orientation_is_applied_and_removed():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # rotate 90° clockwise to display
    source = image_bytes(size=(200, 100), exif=exif)

    result = clean_image(upload(source))

    assert (result.width, result.height) == (100, 200)
    reopened = reopen(result)
    assert reopened.size == (100, 200)
    assert ExifTags.Base.Orientation not in reopened.getexif()


def test_a_png_keeps_its_transparency():
    img = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    buf = io.BytesIO()
    img.save(buf, "PNG")
    result = reopen(clean_image(upload(buf.getvalue(), name="logo.png")))
    assert result.convert("RGBA").getpixel((5, 5))[3] == 0


def test_a_cmyk_jpeg_is_stored_as_rgb():
    buf = io.BytesIO()
    Image.new("CMYK", (16, 16), (0, 255, 0, 0)).save(buf, "JPEG")
    assert reopen(clean_image(upload(buf.getvalue()))).mode == "RGB"


def test_a_truncated_jpeg_is_refused():
    data = image_bytes(size=(400, 300), quality=95)
    with pytest.raises(ValidationError) as exc:
        clean_image(upload(data[: len(data) // 2]))
    assert exc.value.code == "corrupt"


def test_clean_image_file_is_an_upload_with_the_server_name_and_real_content_type():
    file = clean_image_file(upload(image_bytes("PNG"), name="photo.jpg"))

    assert file.name.endswith(".png")
    assert file.content_type == "image/png"
    assert Image.open(file).format == "PNG"


class PhotoUploadForm(forms.Form):
    image = ValidatedImageField()


def test_the_form_field_turns_a_bomb_into_a_form_error(bomb):
    form = PhotoUploadForm(data={}, files={"image": upload(bomb, name="bomb.png")})

    assert not form.is_valid()
    assert "40" in form.errors["image"][0]  # the limit, in megapixels


def test_the_form_field_turns_an_svg_into_a_form_error():
    form = PhotoUploadForm(data={}, files={"image": upload(SVG, name="x.svg")})

    assert not form.is_valid()
    assert "WebP" in form.errors["image"][0]  # names the formats that are accepted


def test_the_form_field_cleans_a_real_image_into_the_re_encoded_file():
    source = image_bytes(exif=_exif_with_gps_and_camera())
    form = PhotoUploadForm(data={}, files={"image": upload(source, name="الصورة.jpg")})

    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["image"]
    assert cleaned.name.endswith(".jpg")
    assert "الصورة" not in cleaned.name
    assert cleaned.content_type == "image/jpeg"
    cleaned.seek(0)
    assert b"SourceCam" not in cleaned.read()


def test_the_form_field_never_lets_django_decode_the_unchecked_upload(bomb):
    with mock.patch.object(forms.ImageField, "to_python", side_effect=AssertionError):
        form = PhotoUploadForm(data={}, files={"image": upload(bomb, name="bomb.png")})
        assert not form.is_valid()


def test_the_form_field_keeps_the_existing_file_when_nothing_new_is_uploaded():
    form = PhotoUploadForm(data={}, files={}, initial={"image": "photos/2026/11/old.jpg"})

    with mock.patch("images.gate.clean_image", side_effect=AssertionError):
        assert form.is_valid(), form.errors
    assert form.cleaned_data["image"] == "photos/2026/11/old.jpg"


def test_the_form_field_can_replace_a_model_image_fields_default():
    field = Photo._meta.get_field("image").formfield(form_class=ValidatedImageField)

    assert isinstance(field, ValidatedImageField)
    assert "image/webp" in field.widget.attrs["accept"]
