"""Import associations from a CSV file, as `manage.py import_associations` does.

The columns, the matching rules and the options are documented for the people
who prepare the files in docs/import.md; keep that page in step with this
package.

The import runs in three steps so that a file with errors changes nothing:
read and validate every row (no writes), match the rows to existing
associations (a few batched queries, rows locked), then write everything in
bulk inside the same transaction.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from associations.importer.matching import (
    _apply_row,
    _flag_shared_targets,
    _Stored,
    _stored_relations,
)
from associations.importer.reading import (
    ImportFileError,
    _map_header,
    _read_records,
    _read_source,
)
from associations.importer.rows import VOCABULARIES, _flag_duplicates, _parse_row, _Vocabulary
from associations.importer.writing import SEARCH_FIELDS, _write

__all__ = [
    "SEARCH_FIELDS",
    "ImportFileError",
    "ImportResult",
    "RowError",
    "import_associations",
]


@dataclass(frozen=True)
class RowError:
    line: int  # line in the file where the row starts; the header is line 1
    message: str

    def __str__(self) -> str:
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # True when the file had bad rows and --skip-invalid was not given: nothing was saved.
    aborted: bool = False
    dry_run: bool = False

    @property
    def skipped(self) -> int:
        """Number of rows left out because of errors (a row may have several errors)."""
        return len({error.line for error in self.errors})

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


# The import ------------------------------------------------------------------------------------


def import_associations(
    *,
    source: str | os.PathLike | bytes | IO,
    skip_invalid: bool = False,
    draft: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Create or update associations from the CSV file `source` (a path, bytes or a file).

    All or nothing: when a row has errors nothing is saved, unless
    `skip_invalid`, which saves the good rows. `draft` creates new listings as
    drafts instead of publishing them; `dry_run` checks and counts but saves
    nothing. Raises ImportFileError when the file as a whole cannot be read.
    """
    header, records = _read_records(_read_source(source))
    columns = _map_header(header)
    headers = [text.strip() for text in header]
    vocabularies = {
        column: _Vocabulary(model) for column, model in VOCABULARIES.items() if column in columns
    }
    rows = [_parse_row(line, cells, columns, headers, vocabularies) for line, cells in records]
    _flag_duplicates(rows)

    result = ImportResult(dry_run=dry_run)
    with transaction.atomic():
        candidates = [row for row in rows if not row.errors]
        stored = _Stored.load(candidates)
        matches = [(row, stored.match(row)) for row in candidates]
        _flag_shared_targets(matches)
        result.errors = sorted(
            (RowError(row.line, message) for row in rows for message in row.errors),
            key=lambda error: error.line,
        )
        if result.errors and not skip_invalid:
            result.aborted = True
            return result

        matches = [(row, association) for row, association in matches if not row.errors]
        new_rows = [row for row, association in matches if association is None]
        existing = [(row, association) for row, association in matches if association is not None]
        related_now = _stored_relations(
            [column for column in VOCABULARIES if column in columns],
            [association.pk for _row, association in existing],
        )
        updates = [
            (association, *_apply_row(association, row, related_now))
            for row, association in existing
        ]
        result.created = len(new_rows)
        result.updated = sum(1 for _a, fields, related in updates if fields or related)
        result.unchanged = len(updates) - result.updated
        if not dry_run:
            _write(new_rows, updates, draft=draft)
    return result
