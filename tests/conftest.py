import io
import itertools
import os
import struct
import zlib

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from articles.models import Article, Author, Category
from images.tasks import _known_ready as renditions_known_ready

_counter = itertools.count(1)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests on the demo newsroom run last, so it is loaded (and committed) once a session."""
    items.sort(key=lambda item: "demo_newsroom" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def demo_newsroom(django_db_setup, django_db_blocker) -> None:
    """The demo newsroom (``load_demo``), committed once for the whole session.

    Loading it makes every photo and rendition, which takes seconds, so it is not redone
    per module. Tests using it run after all others (see ``pytest_collection_modifyitems``)
    and each runs in its own rolled-back transaction on top of it; the database is flushed
    when the session ends.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    with django_db_blocker.unblock():
        # Also a guard: never load into (or flush) anything but an empty test database.
        assert is_test_database(connection), f"not a test database: {connection.settings_dict}"
        assert not Article.objects.exists(), "the test database should be empty here"
        cache.clear()
        with override_settings(DEBUG=True), open(os.devnull, "w") as devnull:
            call_command("load_demo", stdout=devnull)  # refuses without DEBUG
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        cache.clear()


def is_test_database(connection) -> bool:
    """Django's naming of test databases (the settings' TEST NAME, in-memory SQLite, test_…)."""
    name = str(connection.settings_dict["NAME"])
    test_name = (connection.settings_dict.get("TEST") or {}).get("NAME")
    if test_name:
        return name == test_name
    if connection.vendor == "sqlite":
        return connection.is_in_memory_db()
    return name.startswith("test_")


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with an empty shared cache (no cross-test state), and with no
    photo's renditions known to this process."""
    cache.clear()
    renditions_known_ready.clear()
    yield
    cache.clear()


@pytest.fixture
def category(db) -> Category:
    return Category.objects.create(name="سياسة", slug="politics", position=1)


@pytest.fixture
def make_article(db, category):
    """Small factory: a published story unless told otherwise."""

    def make(**kwargs) -> Article:
        n = next(_counter)
        kwargs.setdefault("title", f"خبر تجريبي رقم {n}")
        kwargs.setdefault("category", category)
        kwargs.setdefault("status", Article.Status.PUBLISHED)
        kwargs.setdefault("body", "<p>نص الخبر.</p>")
        if kwargs["status"] == Article.Status.PUBLISHED:
            kwargs.setdefault("published_at", timezone.now() - timezone.timedelta(minutes=n))
        authors = kwargs.pop("authors", [])
        tags = kwargs.pop("tags", [])
        article = Article.objects.create(**kwargs)
        if authors:
            article.authors.set(authors)
        if tags:
            article.tags.set(tags)
        return article

    return make


def bulk_articles(
    category: Category, count: int, title: str = "خبر", slug: str = "story", **fields
) -> list[Article]:
    """``count`` articles written by one ``bulk_create``, as an import does: no ``save()``, no
    signal. Titles and slugs are numbered from 0; each is published, a minute before the
    previous one, unless ``fields`` say otherwise (a function is called with the number)."""
    now = timezone.now()

    def article(n: int) -> Article:
        values = {
            "status": Article.Status.PUBLISHED,
            "published_at": now - timezone.timedelta(minutes=n),
            **fields,
        }
        values = {name: value(n) if callable(value) else value for name, value in values.items()}
        return Article(title=f"{title} {n}", slug=f"{slug}-{n}", category=category, **values)

    return Article.objects.bulk_create((article(n) for n in range(count)), batch_size=5000)


@pytest.fixture
def author(db) -> Author:
    return Author.objects.create(name="سلمى بناني", slug="salma-bennani")


def _staff(username: str, group: str | None = None, superuser: bool = False) -> User:
    user = User.objects.create_user(
        username, password="pass-" + username, is_staff=True, is_superuser=superuser
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db) -> User:
    return _staff("editor1", "Editors")


@pytest.fixture
def journalist(db) -> User:
    return _staff("journalist1", "Journalists")


@pytest.fixture
def other_journalist(db) -> User:
    return _staff("journalist2", "Journalists")


@pytest.fixture
def superuser(db) -> User:
    return _staff("chief", superuser=True)


def form_errors(response) -> dict:
    """The admin form's errors in a response, for readable assertion messages."""
    context = response.context
    if context is None or "adminform" not in context:
        return {}
    return dict(context["adminform"].form.errors)


# -- images: every test builds its pictures here ------------------------------------------


def image_bytes(
    fmt: str = "JPEG",
    size: tuple[int, int] = (64, 48),
    mode: str = "RGB",
    colour=None,
    **save_kwargs,
) -> bytes:
    """A small picture in ``fmt``: plain ``colour`` if given, else with some detail, so
    encoders produce real scan data."""
    img = Image.new(mode, size, colour if colour is not None else (200, 30, 30))
    if colour is None and mode == "RGB":
        draw = ImageDraw.Draw(img)
        for x in range(0, size[0], 7):
            draw.line((x, 0, size[0] - x, size[1]), fill=(x % 256, 90, 255 - x % 256), width=2)
    buffer = io.BytesIO()
    img.save(buffer, fmt, **save_kwargs)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    """Bytes as a browser's file upload."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_upload(name: str = "photo.jpg", colour=(0, 90, 160), size=(64, 48)):
    return upload(image_bytes("JPEG", size, colour=colour), name=name)


def sample_jpeg(size: tuple[int, int] = (1200, 675), colour=(20, 90, 160)) -> ContentFile:
    """A real JPEG to attach to a model's ImageField in tests."""
    return ContentFile(image_bytes("JPEG", size, colour=colour), name="sample.jpg")


def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of width×height, all black, written chunk by chunk.

    Pillow would need width×height bytes of memory to draw it first (400 MB for 20000²),
    so the file is assembled by hand: it is still tiny, as a bomb is.
    """

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    row = b"\x00" + b"\x00" * ((width + 7) // 8)  # filter byte, then packed bits
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.fixture
def media(settings, tmp_path):
    """Uploads of this test go to a folder of its own (``tmp_path``), served at /media/."""
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_URL = "/media/"
    return tmp_path


@pytest.fixture(scope="session")
def bomb() -> bytes:
    """A 400-megapixel PNG of a few kilobytes: a decompression bomb."""
    return png_bomb(20000, 20000)


def many_frame_gif(frames: int) -> bytes:
    """A GIF of ``frames`` one-pixel frames, written block by block: 20,000 frames make the
    460 KB file that held a worker for 30 s."""
    out = [b"GIF89a", struct.pack("<HHBBB", 1, 1, 0x80, 0, 0), b"\x00\x00\x00\xff\xff\xff"]
    out.append(b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00")  # loop forever
    for _ in range(frames):
        out.append(b"\x21\xf9\x04\x04\x01\x00\x00\x00")  # graphic control: 10 ms
        out.append(b"\x2c" + struct.pack("<HHHHB", 0, 0, 1, 1, 0))  # 1×1 image descriptor
        out.append(b"\x02\x02\x44\x01\x00")  # LZW data: one pixel
    out.append(b"\x3b")
    return b"".join(out)


def animation_bytes(fmt: str, frames: int, size: tuple[int, int] = (8, 8)) -> bytes:
    """An animated PNG (APNG), WebP or GIF of ``frames`` distinct frames, made by Pillow."""
    images = [Image.new("RGB", size, (n % 256, (n * 7) % 256, 90)) for n in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, fmt, save_all=True, append_images=images[1:], duration=40, loop=0)
    return buffer.getvalue()


def many_scan_jpeg(scans: int) -> bytes:
    """A progressive JPEG whose last scan is repeated until it has ``scans`` scans.

    Each scan is a decoding pass over the whole picture: a small file with thousands of
    them is a decoding bomb."""
    data = image_bytes("JPEG", (64, 48), progressive=True)
    last = data.rindex(b"\xff\xda")
    body, tail = data[last:-2], data[-2:]  # the last scan, then EOI
    have = data.count(b"\xff\xda")
    return data[:-2] + body * (scans - have) + tail


@pytest.fixture
def committed_article(django_db_setup, django_db_blocker):
    """Real commits, for tests with several connections or a connection closed on purpose:
    ``committed_article(title=…)`` makes a published story that other connections see.

    Unlike ``transactional_db`` nothing is flushed afterwards (a flush would also remove
    what the migrations created, such as the newsroom's groups): what was made here is
    deleted here. The test runs with database access while this fixture is active.
    """
    from search.models import PendingArticle

    made: list[Article] = []
    with django_db_blocker.unblock():
        section = Category.objects.create(name="اختبار الالتزام", slug="committed-tests")

        def make(**kwargs) -> Article:
            kwargs.setdefault("title", f"خبر ملتزم رقم {next(_counter)}")
            kwargs.setdefault("category", section)
            kwargs.setdefault("status", Article.Status.PUBLISHED)
            kwargs.setdefault("published_at", timezone.now() - timezone.timedelta(minutes=1))
            made.append(Article.objects.create(**kwargs))
            return made[-1]

        try:
            yield make
        finally:
            ids = [article.pk for article in made]
            Article.objects.filter(pk__in=ids).delete()
            PendingArticle.objects.filter(article_id__in=ids).delete()
            section.delete()
