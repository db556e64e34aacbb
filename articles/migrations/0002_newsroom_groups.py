"""The newsroom's two roles as groups with stable names and their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

JOURNALIST_PERMISSIONS = [
    ("articles", "add_article"),
    ("articles", "change_article"),
    ("articles", "view_article"),
    ("articles", "delete_article"),
    ("articles", "view_category"),
    ("articles", "view_author"),
    ("articles", "view_tag"),
    ("articles", "add_tag"),
    ("articles", "add_gallery"),
    ("articles", "change_gallery"),
    ("articles", "view_gallery"),
    ("articles", "add_photo"),
    ("articles", "change_photo"),
    ("articles", "delete_photo"),
    ("articles", "view_photo"),
]
EDITOR_APPS = ["articles", "ticker"]


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    journalists, _ = Group.objects.get_or_create(name="Journalists")
    journalists.permissions.set(
        [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in JOURNALIST_PERMISSIONS
        ]
    )
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.set(Permission.objects.filter(content_type__app_label__in=EDITOR_APPS))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Journalists", "Editors"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("ticker", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
