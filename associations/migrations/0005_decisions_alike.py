"""Every decided thing records who, when and why in the same three fields
(yhdistystori.decisions.Decided); the liaison's log calls what was done its action."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("associations", "0004_editors_and_moderation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField("profilechange", "reviewed_at", "decided_at"),
        migrations.RenameField("profilechange", "reviewed_by", "decided_by"),
        migrations.RenameField("profilechange", "review_reason", "decision_reason"),
        migrations.RenameField("report", "handled_at", "decided_at"),
        migrations.RenameField("report", "handled_by", "decided_by"),
        migrations.RenameField("report", "resolution", "decision_reason"),
        migrations.RenameField("moderationaction", "kind", "action"),
        migrations.AlterField(
            model_name="profilechange",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="decided"),
        ),
        migrations.AlterField(
            model_name="profilechange",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="decided"),
        ),
        migrations.AlterField(
            model_name="report",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="decided by",
            ),
        ),
        migrations.AlterField(
            model_name="report",
            name="decision_reason",
            field=models.TextField(blank=True, verbose_name="reason"),
        ),
    ]
