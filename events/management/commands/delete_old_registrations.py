"""`manage.py delete_old_registrations`, for a daily cron: registrants' personal details
go 90 days after the occurrence (events.registering.delete_old_personal_data)."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from events.registering import delete_old_personal_data


class Command(BaseCommand):
    help = (
        "Delete the names, email addresses and needs of those who registered for "
        "occurrences that ended more than 90 days ago. The counts stay. Safe to run again."
    )

    def handle(self, *args, **options):
        count = delete_old_personal_data()
        self.stdout.write(
            ngettext(
                "Registrants' details deleted from %(count)d occurrence.",
                "Registrants' details deleted from %(count)d occurrences.",
                count,
            )
            % {"count": count}
        )
