"""`manage.py import_associations FILE.csv`: the columns and rules are in docs/import.md."""

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from associations.importer import ImportFileError, import_associations


class Command(BaseCommand):
    help = (
        "Create or update associations from a CSV file (UTF-8, separated by commas or "
        "semicolons). A file with a bad row imports nothing unless --skip-invalid is given. "
        "See docs/import.md for the columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the CSV file to import")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the good rows and list the bad ones, instead of importing nothing",
        )
        parser.add_argument(
            "--draft",
            action="store_true",
            help="create new associations as drafts instead of publishing them",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and report, save nothing"
        )

    def handle(self, *args, file, skip_invalid, draft, dry_run, **options):
        try:
            result = import_associations(
                source=file, skip_invalid=skip_invalid, draft=draft, dry_run=dry_run
            )
        except OSError as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc.strerror}
            ) from None
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        except IntegrityError:
            # The matched rows are locked, but another process may create a twin meanwhile.
            raise CommandError(
                _(
                    "Someone saved the same associations during the import; nothing was saved. "
                    "Run it again."
                )
            ) from None

        for error in result.errors:
            self.stderr.write(str(error))
        if result.aborted:
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)d row has errors. Fix it, or run again with "
                    "--skip-invalid to import the other rows.",
                    "Nothing was imported: %(count)d rows have errors. Fix them, or run again "
                    "with --skip-invalid to import the other rows.",
                    result.skipped,
                )
                % {"count": result.skipped}
            )

        summary = _(
            "Created %(created)d, updated %(updated)d, unchanged %(unchanged)d, "
            "skipped %(skipped)d."
        ) % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "skipped": result.skipped,
        }
        if dry_run:
            summary = _("Dry run, nothing was saved. %(summary)s") % {"summary": summary}
        self.stdout.write(summary)
        if result.errors and not result.imported:
            raise CommandError(_("Nothing was imported: every row has errors."))
