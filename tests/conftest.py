import io
import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Author, Category

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with an empty shared cache and view buffer (no cross-test state)."""
    from popularity import counting

    cache.clear()
    counting.buffer._counts.clear()
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


def sample_jpeg(size: tuple[int, int] = (1200, 675), colour=(20, 90, 160)) -> ContentFile:
    """A real JPEG to attach to a model's ImageField in tests."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="sample.jpg")
