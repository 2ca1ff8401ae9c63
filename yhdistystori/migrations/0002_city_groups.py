"""The city's staff roles as auth groups; permissions are attached later, per feature."""

from django.db import migrations

from yhdistystori.roles import Role

CITY_GROUPS = Role.values


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in CITY_GROUPS:
        Group.objects.get_or_create(name=name)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=CITY_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("yhdistystori", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
