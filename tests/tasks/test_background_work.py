"""Heavy work leaves the request: renditions, indexing and view counts run as tasks, a
failing task is logged and retried, a page shows originals until renditions exist, and a
command backfills what is missing."""

import logging

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import default_task_backend

from articles.models import Article
from images import tasks as image_tasks
from images.renditions import rendition_name
from search.models import SearchDocument
from tests.conftest import sample_jpeg
from tests.tasks import jobs

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queued():
    """Tasks are enqueued and not run (as with a worker that has not got to them yet)."""
    with override_settings(TASKS=DUMMY):
        default_task_backend.clear()
        yield default_task_backend.results


def names(results) -> list[str]:
    return [r.task.func.__name__ for r in results]


def test_saving_a_story_enqueues_its_renditions_and_indexing(
    make_article, media, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(image=sample_jpeg((1600, 900)))
    assert "render_image" in names(queued) and "index_changed" in names(queued)
    assert not (media / "renditions").exists()  # nothing made in the request
    assert not SearchDocument.objects.filter(article=article).exists()


def test_a_page_shows_the_original_until_its_renditions_exist(
    client, make_article, media, queued, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(image=sample_jpeg((1600, 900)))
    page = client.get(article.get_absolute_url()).text
    assert f'src="{article.image.url}"' in page and "<picture>" not in page
    assert ".webp" not in page  # no address of a file that does not exist yet
    (job,) = [r for r in queued if r.task.func.__name__ == "render_image"]
    job.task.call(*job.args, **job.kwargs)  # the worker's turn
    page = client.get(article.get_absolute_url()).text
    assert '<source type="image/webp"' in page and "-1280.webp 1280w" in page


def test_the_backfill_command_makes_missing_renditions(make_article, media, queued, capsys):
    article = make_article(image=sample_jpeg((700, 400)))
    name = rendition_name(article.image.name, 640, "webp")
    assert not article.image.storage.exists(name)
    call_command("backfill_renditions")
    assert "1 image" in capsys.readouterr().out
    assert names(queued).count("render_image") == 1
    call_command("backfill_renditions", "--now")
    assert article.image.storage.exists(name)
    assert image_tasks.renditions_ready(article.image, 700)
    call_command("backfill_renditions")
    assert "0 image" in capsys.readouterr().out.splitlines()[-1]


def test_a_failing_task_is_logged_and_retried_until_it_succeeds(caplog):
    jobs.calls.clear()
    with caplog.at_level(logging.WARNING, logger="background"):
        jobs.flaky.enqueue(2)  # immediate backend: runs, fails, retries at once
    assert len(jobs.calls) == 3
    retries = [r for r in caplog.records if "retrying" in r.getMessage()]
    assert len(retries) == 2


def test_a_task_failing_every_time_gives_up_with_an_error(caplog):
    jobs.calls.clear()
    with caplog.at_level(logging.WARNING, logger="background"):
        jobs.flaky.enqueue(99)
    assert len(jobs.calls) == 3  # attempts
    assert any(r.levelno == logging.ERROR and "giving up" in r.getMessage() for r in caplog.records)


def test_a_rendition_failure_never_fails_the_journalists_save(
    client, editor, make_article, media, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise OSError("storage unavailable")

    monkeypatch.setattr(image_tasks, "make_renditions", broken)
    client.force_login(editor)
    article = make_article(image=sample_jpeg((800, 450)))
    url = f"/admin/articles/article/{article.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    with caplog.at_level(logging.WARNING):
        Article.objects.get(pk=article.pk).save()  # as the admin does, then the task runs
        image_tasks.render_image.enqueue(article.image.name, 800)
    assert any("retrying" in r.getMessage() for r in caplog.records)
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_retry_is_deferred_on_a_backend_that_can_wait(queued):
    jobs.calls.clear()
    with pytest.raises(OSError):
        jobs.flaky.call(5)
    (retry,) = queued
    assert retry.kwargs == {"attempt": 2} and retry.task.run_after is not None


def test_a_thirty_photo_gallery_upload_answers_before_any_rendition(
    client, journalist, media, queued, django_capture_on_commit_callbacks
):
    from articles.models import Gallery
    from tests.conftest import jpeg_upload
    from tests.desk.test_galleries_and_editor import inline_management

    client.force_login(journalist)
    photos = [jpeg_upload(f"{n}.jpg", (n * 8, 90, 160), size=(1400, 900)) for n in range(30)]
    data = {"title": "ألبوم الحدث", "upload_photos": photos, **inline_management()}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/articles/gallery/add/", data)
    assert response.status_code == 302
    assert Gallery.objects.get().photos.count() == 30
    assert not (media / "renditions").exists()  # the originals only, checked and stored
    assert names(queued).count("render_image") == 30  # one task each, for the worker


def test_a_cached_page_gets_the_renditions_once_the_worker_made_them(
    client, settings, make_article, media, queued, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 60  # readers are served from the page cache
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(image=sample_jpeg((1600, 900)))
    url = article.get_absolute_url()
    assert "<picture>" not in client.get(url).text
    assert client.get(url)["X-Page-Cache"] == "HIT"  # the copy with the original image
    (job,) = [r for r in queued if r.task.func.__name__ == "render_image"]
    with django_capture_on_commit_callbacks(execute=True):
        job.task.call(*job.args, **job.kwargs)  # the worker's turn
    page = client.get(url)
    assert page["X-Page-Cache"] == "MISS"
    assert '<source type="image/webp"' in page.text
