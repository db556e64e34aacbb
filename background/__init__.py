"""Not an app: how the rooms hand work to the background task worker (django-tasks).

``background_task`` makes a function a task that is retried when it fails: the failure is
logged with the attempt number and the task enqueued again ``RETRY_SECONDS`` × 2ⁿ later
(at once on a backend that cannot defer), up to ``attempts`` runs; the last failure is
logged as an error and recorded by the backend. ``enqueue`` never lets a queue problem
reach the person whose request asked for the work: it is logged, the request goes on.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task
from django_tasks.base import Task

logger = logging.getLogger(__name__)

ATTEMPTS = 5
RETRY_SECONDS = 10


def background_task(
    attempts: int = ATTEMPTS, priority: int = 0
) -> Callable[[Callable[..., Any]], Task]:
    def decorate(function: Callable[..., Any]) -> Task:
        @functools.wraps(function)
        def run(*args: Any, attempt: int = 1, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except Exception:
                name = f"{function.__module__}.{function.__qualname__}"
                if attempt >= attempts:
                    logger.exception("Task %s failed %d times; giving up", name, attempt)
                    raise
                logger.warning(
                    "Task %s failed (attempt %d); retrying", name, attempt, exc_info=True
                )
                again = the_task
                if default_task_backend.supports_defer:
                    delay = timedelta(seconds=RETRY_SECONDS * 2 ** (attempt - 1))
                    again = the_task.using(run_after=timezone.now() + delay)
                enqueue(again, *args, attempt=attempt + 1, **kwargs)
                raise

        the_task = task(priority=priority)(run)
        return the_task

    return decorate


def enqueue(work: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue now; a failure to enqueue is logged, never raised."""
    try:
        work.enqueue(*args, **kwargs)
    except Exception:
        logger.exception("Could not enqueue %s", work.module_path)


def enqueue_on_commit(work: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(work, *args, **kwargs))
