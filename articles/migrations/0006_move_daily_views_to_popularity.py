"""ArticleDailyViews moves to the popularity app: the table is renamed, no row is copied.

The model leaves this app's state here; ``popularity/0001_initial`` takes it over.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_optional_slugs"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(
                    name="articledailyviews", table="popularity_articledailyviews"
                ),
            ],
            state_operations=[migrations.DeleteModel(name="ArticleDailyViews")],
        ),
    ]
