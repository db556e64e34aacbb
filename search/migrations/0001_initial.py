"""The search index tables, plus what the ORM does not manage (see search/triggers.py):
queueing triggers on both databases and, on PostgreSQL only, the GIN indexes of the
vectors and the table's storage settings. Existing articles are queued so that the first
searches (or ``rebuild_search_index``) index them.
"""

import django.contrib.postgres.search
import django.db.models.deletion
import django.db.models.functions.datetime
from django.db import migrations, models


def install_database_objects(apps, schema_editor):
    from search.triggers import install

    install(schema_editor.connection, apps)


def uninstall_database_objects(apps, schema_editor):
    from search.triggers import uninstall

    uninstall(schema_editor.connection, apps)


def queue_existing_articles(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    PendingArticle = apps.get_model("search", "PendingArticle")
    batch = []
    for pk in Article.objects.values_list("pk", flat=True).iterator(chunk_size=2000):
        batch.append(PendingArticle(article_id=pk))
        if len(batch) >= 2000:
            PendingArticle.objects.bulk_create(batch)
            batch = []
    PendingArticle.objects.bulk_create(batch)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="PendingArticle",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("article_id", models.BigIntegerField(db_index=True)),
                (
                    "queued_at",
                    models.DateTimeField(
                        db_default=django.db.models.functions.datetime.Now(),
                        verbose_name="queued at",
                    ),
                ),
            ],
            options={
                "verbose_name": "article waiting for the search index",
                "verbose_name_plural": "articles waiting for the search index",
            },
        ),
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="articles.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(
                        editable=False, null=True, verbose_name="publication time"
                    ),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="indexed at")),
                ("title_text", models.TextField(blank=True, verbose_name="title terms")),
                ("excerpt_text", models.TextField(blank=True, verbose_name="excerpt terms")),
                ("meta_text", models.TextField(blank=True, verbose_name="tag and author terms")),
                ("body_text", models.TextField(blank=True, verbose_name="body terms")),
                (
                    "vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "head_vector",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
        ),
        migrations.RunPython(install_database_objects, uninstall_database_objects),
        migrations.RunPython(queue_existing_articles, migrations.RunPython.noop),
    ]
