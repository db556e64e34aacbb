"""The real worker (``manage.py db_worker``, django-tasks-db) in its own processes, on
PostgreSQL: renditions and search documents are made by it, and several workers never
take the same task twice (SELECT … FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from search.models import SearchDocument
from tests.conftest import sample_jpeg
from tests.services import groups_restored_after_flush  # noqa: F401  (a fixture)
from tests.tasks import jobs

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("groups_restored_after_flush"),
]

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks():
    if connection.vendor != "postgresql":
        pytest.skip("workers in other processes need a database server (CI runs PostgreSQL)")
    with override_settings(TASKS=DATABASE_TASKS):
        yield


def worker_env(media_root) -> dict:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "worker-test-" + "x" * 40,
        "DATABASE_URL": f"{url}/{db['NAME']}",
        "NEWSROOM_MEDIA_ROOT": str(media_root),
        "NEWSROOM_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "REDIS_URL": "",
    }


def start_worker(media_root, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--interval", "0.05", *extra],
        cwd=settings.BASE_DIR,
        env=worker_env(media_root),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def finish(process: subprocess.Popen) -> str:
    try:
        output, _ = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    assert process.returncode == 0, output.decode(errors="replace")
    return output.decode(errors="replace")


def test_renditions_and_search_documents_are_made_by_the_worker(
    database_tasks, make_article, media
):
    from django_tasks_db.models import DBTaskResult

    article = make_article(title="خبر تصنعه العاملة", image=sample_jpeg((1000, 560)))
    # Committed, enqueued, and nothing made yet.
    assert DBTaskResult.objects.filter(status="READY").count() >= 2
    assert not (media / "renditions").exists()
    assert not SearchDocument.objects.filter(article=article).exists()
    finish(start_worker(media))
    webp = media / "renditions" / Path(article.image.name).with_suffix("").parent
    assert list(webp.glob("*-960.webp")), "the worker made the renditions"
    assert SearchDocument.objects.filter(article=article, title_text__contains="خبر").exists()
    results = DBTaskResult.objects.all()
    assert {r.status for r in results} == {"SUCCESSFUL"}
    assert {r.task_path.rsplit(".", 1)[1] for r in results} >= {"render_image", "index_changed"}


def test_several_workers_never_take_the_same_task(database_tasks, tmp_path, media):
    from django_tasks_db.models import DBTaskResult

    log = tmp_path / "runs.txt"
    for n in range(60):
        jobs.note.enqueue(str(log), n)
    workers = [start_worker(media) for _ in range(3)]
    for worker in workers:
        finish(worker)
    runs = [line.split() for line in log.read_text().splitlines()]
    assert sorted(int(n) for n, _pid in runs) == list(range(60))  # each exactly once
    assert len({pid for _n, pid in runs}) >= 2  # and the work was shared
    results = DBTaskResult.objects.all()
    assert results.count() == 60 and {r.status for r in results} == {"SUCCESSFUL"}
    assert all(len(r.worker_ids) == 1 for r in results)
