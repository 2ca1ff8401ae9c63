from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("yhdistystori", "0004_user_moderation_email"),
    ]

    operations = [
        migrations.RenameField("feedback", "kind", "topic"),
    ]
