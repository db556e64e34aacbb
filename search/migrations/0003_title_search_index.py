"""The GIN index of titles alone, for the editors' title search in the admin (PostgreSQL).

Created by ``search.triggers.install`` like the other search indexes (SQLite has none);
``install`` also runs after every ``migrate``.
"""

from django.db import migrations


def install(apps, schema_editor):
    from search import triggers

    triggers.install(schema_editor.connection, apps)


def drop_title_index(apps, schema_editor):
    from search import triggers

    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {triggers.TITLE_GIN_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_document_article_version"),
    ]

    operations = [migrations.RunPython(install, drop_title_index)]
