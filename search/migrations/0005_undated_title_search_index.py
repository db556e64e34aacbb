"""The GIN index of undated documents' titles (drafts, stories in review), for the admin's
title search (PostgreSQL). Created by ``search.triggers.install`` like the other search
indexes (SQLite has none); ``install`` also runs after every ``migrate``.
"""

from django.db import migrations


def install(apps, schema_editor):
    from search import triggers

    triggers.install(schema_editor.connection, apps)


def drop_undated_index(apps, schema_editor):
    from search import triggers

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {triggers.UNDATED_TITLE_GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_recent_documents_index"),
    ]

    operations = [migrations.RunPython(install, drop_undated_index)]
