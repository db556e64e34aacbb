"""ArticleDailyViews, moved here from the articles app (its table was renamed by
``articles/0006``, which this migration follows): state only, and its content type."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="popularity", model="articledailyviews").exists():
        ContentType.objects.filter(app_label="articles", model="articledailyviews").update(
            app_label="popularity"
        )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="popularity", model="articledailyviews").update(
        app_label="articles"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0006_move_daily_views_to_popularity"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ArticleDailyViews",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("day", models.DateField()),
                        ("views", models.PositiveIntegerField(default=0)),
                        (
                            "article",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="daily_views",
                                to="articles.article",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "daily views",
                        "verbose_name_plural": "daily views",
                        "indexes": [models.Index(fields=["day", "article"], name="views_day_idx")],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("article", "day"), name="unique_article_day_views"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type, elidable=False),
    ]
