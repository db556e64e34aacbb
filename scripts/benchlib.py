"""What the benchmark scripts share: run them as ``python scripts/<name>.py``, which puts
this folder on the import path."""

from __future__ import annotations

import sys


def ensure_database(url: str) -> None:
    """Create the scratch PostgreSQL database a benchmark fills, refusing shared names."""
    import psycopg2
    from psycopg2 import sql

    name = url.rsplit("/", 1)[1]
    if name in ("test", "postgres") or name.startswith("test_"):
        sys.exit("Use a scratch database name, not a shared one.")
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    admin.close()
