"""Helpers for tests that start real servers (Varnish, a task worker, an S3 server).

Locally a missing program skips its test; in CI (``NEWSROOM_SERVICE_TESTS=required``, set
by ``.ci/run``, which installs them) it fails instead, so a green CI means they ran.
"""

from __future__ import annotations

import os
import shutil
import socket
import time

import pytest


def require_program(name: str) -> str:
    path = shutil.which(name) or (
        f"/usr/sbin/{name}" if os.path.exists(f"/usr/sbin/{name}") else None
    )
    if path:
        return path
    message = f"{name} is not installed (Debian: apt-get install {name})"
    if os.environ.get("NEWSROOM_SERVICE_TESTS") == "required":
        pytest.fail(message)
    pytest.skip(message)


def free_port(first: int = 8300, last: int = 8399) -> int:
    """A free loopback port in this project's range."""
    return free_ports(1, first, last)[0]


def free_ports(count: int, first: int = 8300, last: int = 8399) -> list[int]:
    """``count`` different free loopback ports in this project's range (also used by
    ``scripts/bench_spike.py``), moved up by ``NEWSROOM_TEST_PORT_SHIFT`` when set: CI
    runs the suite on SQLite and on PostgreSQL side by side, each in its own range, so
    neither takes a port the other has just found free."""
    shift = int(os.environ.get("NEWSROOM_TEST_PORT_SHIFT") or 0)
    ports = []
    for port in range(first + shift, last + shift + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    raise RuntimeError(f"not enough free ports in {first}-{last}")


def wait_for_port(port: int, process=None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {seconds} s")


@pytest.fixture(scope="module")
def groups_restored_after_flush(django_db_setup, django_db_blocker):
    """Tests on committed data (``transaction=True``) end with a flush, which removes what
    the migrations created; the newsroom's two groups are put back for the tests after
    (once the module's last flush is done)."""
    yield
    with django_db_blocker.unblock():
        _create_groups()


def _create_groups() -> None:
    import importlib

    from django.contrib.auth.models import Group, Permission

    roles = importlib.import_module("articles.migrations.0002_newsroom_groups")
    journalists, _ = Group.objects.get_or_create(name="Journalists")
    journalists.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in roles.JOURNALIST_PERMISSIONS
        ]
    )
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(
        Permission.objects.filter(content_type__app_label__in=roles.EDITOR_APPS)
    )
    # What later migrations granted: the photo library (both roles), the site's pages.
    library = importlib.import_module("images.migrations.0002_library_permissions")
    site_pages = importlib.import_module("pages.migrations.0002_editors_manage_pages")
    for group, app, codenames in (
        (journalists, "images", library.JOURNALISTS),
        (editors, "images", library.EDITORS),
        (editors, "pages", site_pages.EDITORS),
    ):
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app, codename__in=codenames)
        )
