"""Tasks the worker tests enqueue (importable by a worker process)."""

import os
import time

from django_tasks import task

from background import background_task

calls: list[int] = []


@task()
def note(path: str, n: int) -> int:
    """Append ``n`` to a file: each run leaves one line, whichever worker ran it."""
    time.sleep(0.1)  # long enough for the workers to overlap
    with open(path, "a") as fh:
        fh.write(f"{n} {os.getpid()}\n")
    return n


@background_task(attempts=3)
def flaky(failures: int) -> str:
    """Fails ``failures`` times, then succeeds."""
    calls.append(1)
    if len(calls) <= failures:
        raise OSError("storage unavailable")
    return "done"
