"""Helpers for browser tests of the admin: logging in as the demo staff, changing data so
the live server sees it at once."""

import threading

from django.db import connection, connections
from playwright.sync_api import expect

PASSWORDS = {
    "journalist": "journalist-demo-2026",
    "editor": "editor-demo-2026",
    "admin": "admin-demo-2026",
}


def log_in(page, live_site: str, username: str) -> None:
    page.goto(f"{live_site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORDS[username])
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()


def wait_for_editor(page) -> None:
    """Until CKEditor has made the body field editable."""
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'"
    )


def open_in_editor(page, live_site: str, username: str, path: str) -> None:
    """Log in as ``username`` and open the article form at ``path``, its editor ready."""
    log_in(page, live_site, username)
    page.goto(f"{live_site}{path}")
    wait_for_editor(page)


def as_another_request_would(change):
    """Run ``change`` so that the live server thread sees it at once; returns its result.

    On in-memory SQLite the server thread shares this thread's connection (and its test
    transaction); on PostgreSQL it has its own connection, so the change is committed from
    a separate thread, as an editor's request in another process would.
    """
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return change()
    results, failures = [], []

    def run() -> None:
        try:
            results.append(change())
        except Exception as error:  # re-raised in the test's thread
            failures.append(error)
        finally:
            connections.close_all()

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=30)
    if failures:
        raise failures[0]
    return results[0] if results else None
