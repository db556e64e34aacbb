"""Renditions: made once per image at fixed widths, and found again without storage calls."""

import logging
import re
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from PIL import Image

from articles.models import Photo
from images.renditions import (
    WIDTHS,
    make_renditions,
    rendition_name,
    rendition_url,
    srcset,
    widths_for,
)
from tests.conftest import image_bytes

# make_renditions reads the focal point of the source's library item for its crops.
pytestmark = pytest.mark.django_db


def full_frame(names: list[str]) -> list[str]:
    """The full-frame renditions among ``names`` (crops are ``…-16x9-640.webp``)."""
    return [n for n in names if not re.search(r"-\d+x\d+-\d+$", Path(n).stem)]


def store(name: str, size: tuple[int, int], mode: str = "RGB", fmt: str = "JPEG") -> str:
    colour = (10, 120, 200, 128) if mode == "RGBA" else (10, 120, 200)
    data = image_bytes(fmt, size, mode=mode, colour=colour)
    return default_storage.save(name, ContentFile(data))


def photo_for(name: str) -> Photo:
    # An unsaved Photo is enough: its image attribute is a real ImageFieldFile.
    return Photo(image=name)


def test_a_rendition_name_sits_under_renditions_with_its_width_and_format():
    assert (
        rendition_name("articles/2026/11/abcd.jpg", 640, "webp")
        == "renditions/articles/2026/11/abcd-640.webp"
    )
    assert rendition_name("photos/2026/11/ef01.png", 320, "jpg") == (
        "renditions/photos/2026/11/ef01-320.jpg"
    )


def test_a_rendition_name_refuses_unknown_formats():
    with pytest.raises(ValueError):
        rendition_name("articles/a.jpg", 320, "gif")


def test_widths_never_exceed_the_source():
    assert widths_for(1600) == list(WIDTHS)
    assert widths_for(1280) == [320, 640, 960, 1280]
    assert widths_for(700) == [320, 640]
    assert widths_for(200) == [200]
    assert widths_for(0) == []


def test_renditions_are_written_at_every_width_in_webp_and_jpeg(media):
    name = store("articles/2026/11/wide.jpg", (1600, 900))

    written = full_frame(make_renditions(photo_for(name).image))

    assert len(written) == 2 * len(WIDTHS)
    for width in WIDTHS:
        for fmt, pillow_format in (("webp", "WEBP"), ("jpg", "JPEG")):
            path = media / rendition_name(name, width, fmt)
            with Image.open(path) as img:
                assert img.format == pillow_format
                assert img.size == (width, width * 9 // 16)


def test_running_again_writes_nothing_new(media):
    name = store("articles/2026/11/again.jpg", (1600, 900))
    first = make_renditions(photo_for(name).image)
    mtimes = {n: (media / n).stat().st_mtime_ns for n in first}

    assert make_renditions(photo_for(name).image) == []
    assert {n: (media / n).stat().st_mtime_ns for n in first} == mtimes
    assert sorted(p.name for p in (media / "renditions/articles/2026/11").iterdir()) == sorted(
        Path(n).name for n in first
    )


def test_a_source_whose_renditions_all_exist_is_not_opened_again(media):
    name = store("articles/2026/11/saved-often.jpg", (1600, 900))
    image = photo_for(name).image
    assert make_renditions(image, 1600)
    with mock.patch.object(image.storage, "open", side_effect=AssertionError("opened")):
        assert make_renditions(image, 1600) == []


def test_a_narrow_source_is_never_upscaled(media):
    name = store("photos/2026/11/narrow.jpg", (500, 400))

    written = full_frame(make_renditions(photo_for(name).image))

    assert sorted(written) == sorted(rendition_name(name, 320, fmt) for fmt in ("webp", "jpg"))
    assert not (media / rendition_name(name, 640, "webp")).exists()


def test_a_source_narrower_than_every_width_gets_one_rendition_at_its_own_width(media):
    name = store("photos/2026/11/tiny.png", (200, 100), fmt="PNG")

    make_renditions(photo_for(name).image)

    with Image.open(media / rendition_name(name, 200, "webp")) as img:
        assert img.size == (200, 100)


def test_a_transparent_png_keeps_alpha_in_webp_and_is_flattened_in_jpeg(media):
    name = store("photos/2026/11/logo.png", (400, 200), mode="RGBA", fmt="PNG")

    make_renditions(photo_for(name).image)

    with Image.open(media / rendition_name(name, 320, "webp")) as webp:
        assert webp.mode == "RGBA"
    with Image.open(media / rendition_name(name, 320, "jpg")) as jpg:
        assert jpg.mode == "RGB"


def test_a_missing_source_is_logged_not_raised(media, caplog):
    photo = Photo()
    photo.image.name = "articles/2026/11/gone.jpg"

    with caplog.at_level(logging.WARNING, logger="images.renditions"):
        assert make_renditions(photo.image) == []
    assert "gone.jpg" in caplog.text


def test_a_corrupt_source_is_logged_not_raised(media, caplog):
    name = default_storage.save("articles/2026/11/broken.jpg", ContentFile(b"not an image"))
    photo = Photo()
    photo.image.name = name

    with caplog.at_level(logging.WARNING, logger="images.renditions"):
        assert make_renditions(photo.image) == []
    assert "broken.jpg" in caplog.text
    assert not (media / "renditions").exists()


def test_an_empty_image_field_has_no_renditions_and_no_srcset(media):
    assert make_renditions(Photo().image) == []
    assert srcset(Photo().image, 1600, "webp") == ""


def test_srcset_lists_every_applicable_width_without_touching_storage(media):
    photo = Photo()
    photo.image.name = "articles/2026/11/abcd.jpg"

    with (
        mock.patch.object(FileSystemStorage, "exists", side_effect=AssertionError("exists")),
        mock.patch.object(FileSystemStorage, "open", side_effect=AssertionError("open")),
        mock.patch.object(FileSystemStorage, "size", side_effect=AssertionError("size")),
    ):
        webp = srcset(photo.image, 1600, "webp")
        jpg = srcset(photo.image, 700, "jpg")
        src = rendition_url(photo.image, 1600, "jpg", max_width=1000)

    assert webp == (
        "/media/renditions/articles/2026/11/abcd-320.webp 320w, "
        "/media/renditions/articles/2026/11/abcd-640.webp 640w, "
        "/media/renditions/articles/2026/11/abcd-960.webp 960w, "
        "/media/renditions/articles/2026/11/abcd-1280.webp 1280w"
    )
    assert jpg == (
        "/media/renditions/articles/2026/11/abcd-320.jpg 320w, "
        "/media/renditions/articles/2026/11/abcd-640.jpg 640w"
    )
    assert src == "/media/renditions/articles/2026/11/abcd-960.jpg"


def test_srcset_is_empty_without_a_stored_width(media):
    photo = Photo()
    photo.image.name = "articles/2026/11/abcd.jpg"
    assert srcset(photo.image, None, "webp") == ""


def test_every_url_in_srcset_points_at_a_written_rendition(media):
    name = store("articles/2026/11/match.jpg", (1000, 600))
    photo = photo_for(name)
    make_renditions(photo.image)

    for fmt in ("webp", "jpg"):
        for candidate in srcset(photo.image, photo.width, fmt).split(", "):
            url, _descriptor = candidate.split(" ")
            assert (media / url.removeprefix("/media/")).exists()
