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
    for port in range(first, last + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {first}-{last}")


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
