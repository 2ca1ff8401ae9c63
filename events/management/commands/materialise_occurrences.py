from django.core.management.base import BaseCommand

from events.recurrence import materialise_all


class Command(BaseCommand):
    help = "Make the occurrences of every event series for the next two years (run daily)."

    def handle(self, *args, **options):
        made = materialise_all()
        self.stdout.write(f"{made} occurrences made.")
