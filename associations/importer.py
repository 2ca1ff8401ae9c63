"""Import associations from a CSV file, as `manage.py import_associations` does.

The columns, the matching rules and the options are documented for the people
who prepare the files in docs/import.md; keep that page in step with this
module.

The import runs in three steps so that a file with errors changes nothing:
read and validate every row (no writes), match the rows to existing
associations (a few batched queries, rows locked), then write everything in
bulk inside the same transaction.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, models, transaction
from django.db.models import Q, prefetch_related_objects
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from associations import search
from associations.models import (
    ActivityLanguage,
    Association,
    Category,
    District,
    TargetGroup,
)
from yhdistystori.validators import (
    format_register_number,
    normalize_business_id,
    normalize_register_number,
)

# Column name -> other accepted headers (Finnish first). Headers are compared
# case-insensitively, ignoring diacritics, spaces, dots and hyphens, so
# "Y-tunnus", "y tunnus" and "ytunnus" are all the business ID.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("nimi", "yhdistyksen nimi"),
    "alternate_name": ("muu nimi", "rinnakkaisnimi", "toinen nimi"),
    "register_number": ("rekisterinumero", "yhdistysrekisterinumero", "rek.nro"),
    "business_id": ("y-tunnus", "ytunnus"),
    "description": ("kuvaus",),
    "categories": ("toimialat", "toimiala"),
    "districts": ("alueet", "alue", "toiminta-alueet"),
    "target_groups": ("kohderyhmät", "kohderyhmä"),
    "languages": ("kielet", "toimintakielet"),
    "email": ("sähköposti", "e-mail"),
    "phone": ("puhelin", "puhelinnumero"),
    "website": ("verkkosivu", "verkkosivut", "kotisivu", "kotisivut"),
    "street_address": ("katuosoite", "osoite"),
    "postal_code": ("postinumero",),
    "municipality": ("kunta", "kotikunta"),
    "founded_year": ("perustamisvuosi",),
    "member_count": ("jäsenmäärä",),
}

# Columns holding several values separated by VALUE_SEPARATOR, and what they name.
VOCABULARIES: dict[str, type[models.Model]] = {
    "categories": Category,
    "districts": District,
    "target_groups": TargetGroup,
    "languages": ActivityLanguage,
}
VALUE_SEPARATOR = ";"

FIRST_FOUNDED_YEAR = 1800
_MAX_MEMBER_COUNT = 2_147_483_647  # PositiveIntegerField's ceiling in PostgreSQL
_BATCH_SIZE = 1000
# What Association.set_search_terms() fills: every stored search_* column but generated ones.
SEARCH_FIELDS = [
    field.name
    for field in Association._meta.concrete_fields
    if field.name.startswith("search_") and not field.generated
]


class ImportFileError(Exception):
    """The file as a whole cannot be imported (not UTF-8, unknown column, no name column…)."""


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


@dataclass
class _Row:
    line: int
    values: dict[str, Any]  # scalar fields given in the file (empty cells left out)
    related: dict[str, set[int]]  # vocabulary field -> ids (empty cells left out)
    errors: list[str] = field(default_factory=list)

    @property
    def name_key(self) -> str:
        return self.values.get("name", "").lower()


# Reading the file ------------------------------------------------------------------------------


def _header_key(text: str) -> str:
    return "_".join(search.words(search.fold(text)))


_HEADER_ALIASES = {
    _header_key(alias): column
    for column, aliases in COLUMNS.items()
    for alias in (column, *aliases)
}


def _decode(data: bytes) -> str:
    """The text of the file: UTF-8, with or without the byte order mark Excel writes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            _("The file is saved as UTF-16 (“Unicode text”). Save it as “CSV UTF-8” and try again.")
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "The file is not UTF-8 text (line %(line)d has a character that UTF-8 does not "
                "allow). Save it as “CSV UTF-8” (in Excel: Save as → CSV UTF-8) and try again."
            )
            % {"line": line}
        ) from None


def _read_source(source: str | os.PathLike | bytes | IO) -> str:
    if isinstance(source, str | os.PathLike):
        return _decode(Path(source).read_bytes())
    if isinstance(source, bytes):
        return _decode(source)
    data = source.read()
    return data.removeprefix("\ufeff") if isinstance(data, str) else _decode(data)


def _read_records(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the non-blank rows, each with the line it starts on."""
    first_line = text.split("\n", 1)[0]
    # Excel in Finland separates with ';' (the comma is the decimal mark); others use ','.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        header = next(reader, [])
        previous_end = reader.line_num
        for cells in reader:
            # A quoted cell may span lines; report the line the row starts on.
            start, previous_end = previous_end + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                records.append((start, cells))
    except csv.Error as exc:
        raise ImportFileError(
            _("Line %(line)d cannot be read as CSV: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from None
    return header, records


def _map_header(header: list[str]) -> list[str | None]:
    """Column name for each position of the header; None for a column with no header."""
    if not any(cell.strip() for cell in header):
        raise ImportFileError(_("The first line of the file must name the columns."))
    columns: list[str | None] = []
    for position, text in enumerate(header, start=1):
        if not text.strip():
            columns.append(None)
            continue
        column = _HEADER_ALIASES.get(_header_key(text))
        if column is None:
            raise ImportFileError(
                _("Unknown column “%(header)s” (column %(position)d). The columns are: %(known)s.")
                % {"header": text.strip(), "position": position, "known": ", ".join(COLUMNS)}
            )
        if column in columns:
            raise ImportFileError(
                _("The column %(column)s appears twice (“%(header)s”).")
                % {"column": column, "header": text.strip()}
            )
        columns.append(column)
    if "name" not in columns:
        raise ImportFileError(_("The file has no name column (name or nimi)."))
    return columns


# Checking one row ------------------------------------------------------------------------------


class _Vocabulary:
    """Terms of one vocabulary by identifier (slug) and by name in any language."""

    def __init__(self, model: type[models.Model]):
        self.label = str(model._meta.verbose_name)
        self.by_slug: dict[str, int] = {}
        self.by_name: dict[str, set[int]] = defaultdict(set)
        for term in model.objects.all():
            self.by_slug[_value_key(term.slug)] = term.pk
            for name in (term.name_fi, term.name_sv, term.name_en):
                if name:
                    self.by_name[_value_key(name)].add(term.pk)

    def ids(self, cell: str, row: _Row) -> set[int]:
        found = set()
        for value in filter(None, (part.strip() for part in cell.split(VALUE_SEPARATOR))):
            key = _value_key(value)
            if key in self.by_slug:
                found.add(self.by_slug[key])
            elif len(self.by_name.get(key, ())) == 1:
                found.update(self.by_name[key])
            elif key in self.by_name:
                row.errors.append(
                    _("“%(value)s” matches several terms of %(label)s; use the identifier.")
                    % {"value": value, "label": self.label}
                )
            else:
                row.errors.append(
                    _("unknown %(label)s “%(value)s”") % {"value": value, "label": self.label}
                )
        return found


def _value_key(text: str) -> str:
    return " ".join(text.split()).casefold()


_validate_email = EmailValidator()
_validate_url = URLValidator(schemes=["http", "https"])


def _clean_value(column: str, value: str) -> Any:
    """The value to store for one non-empty cell; raises ValidationError with the reason."""
    if column == "register_number":
        return normalize_register_number(value)
    if column == "business_id":
        return normalize_business_id(value)
    if column in ("founded_year", "member_count"):
        digits = re.sub(r"\s", "", value)  # "1 200" is how Finns write 1200
        if not digits.isdigit():
            raise ValidationError(_("Enter a whole number."))
        number = int(digits)
        if column == "founded_year":
            this_year = timezone.localdate().year
            if not FIRST_FOUNDED_YEAR <= number <= this_year:
                raise ValidationError(
                    _("The year must be between %(first)d and %(last)d.")
                    % {"first": FIRST_FOUNDED_YEAR, "last": this_year}
                )
        elif number > _MAX_MEMBER_COUNT:
            raise ValidationError(_("The number is too large."))
        return number
    if column == "website" and "://" not in value:
        value = "https://" + value  # people write www.yhdistys.fi
    if column == "description":
        return value.replace("\r\n", "\n")
    max_length = Association._meta.get_field(column).max_length
    if max_length and len(value) > max_length:
        raise ValidationError(
            _("It has %(length)d characters; the most allowed is %(max)d.")
            % {"length": len(value), "max": max_length}
        )
    if column == "email":
        _validate_email(value)
    elif column == "website":
        _validate_url(value)
    return value


def _parse_row(
    line: int,
    cells: list[str],
    columns: list[str | None],
    headers: list[str],
    vocabularies: dict[str, _Vocabulary],
) -> _Row:
    row = _Row(line=line, values={}, related={})
    for position, raw in enumerate(cells):
        value = raw.strip()
        column = columns[position] if position < len(columns) else None
        if not value:
            continue  # an empty cell leaves the stored value as it is
        if column is None:
            row.errors.append(
                _("column %(position)d has a value but no header: “%(value)s”")
                % {"position": position + 1, "value": value[:50]}
            )
        elif column in vocabularies:
            ids = vocabularies[column].ids(value, row)
            if ids:  # a cell of only separators is as good as empty
                row.related[column] = ids
        else:
            try:
                row.values[column] = _clean_value(column, value)
            except ValidationError as exc:
                row.errors.append(
                    _("%(column)s “%(value)s”: %(reason)s")
                    % {
                        "column": headers[position].strip(),
                        "value": value[:80],
                        "reason": " ".join(exc.messages),
                    }
                )
    name_position = columns.index("name")
    if name_position >= len(cells) or not cells[name_position].strip():
        row.errors.insert(0, _("the name is missing"))
    return row


def _flag_duplicates(rows: list[_Row]) -> None:
    """Rows that describe the same association are all errors: which one is right?"""
    by_register_number = defaultdict(list)
    by_business_id = defaultdict(list)
    by_name = defaultdict(list)
    for row in rows:
        if row.values.get("register_number"):
            by_register_number[row.values["register_number"]].append(row)
        if row.values.get("business_id"):
            by_business_id[row.values["business_id"]].append(row)
        if row.name_key and not _has_identifier(row):
            # Without identifiers the name is the key: a re-import must find one row per name.
            by_name[row.name_key].append(row)
    for value, same in by_register_number.items():
        for row, others in _others(same):
            row.errors.append(
                _("register number %(value)s is also on line %(lines)s")
                % {"value": format_register_number(value), "lines": others}
            )
    for value, same in by_business_id.items():
        for row, others in _others(same):
            row.errors.append(
                _("business ID %(value)s is also on line %(lines)s")
                % {"value": value, "lines": others}
            )
    for same in by_name.values():
        for row, others in _others(same):
            row.errors.append(
                _(
                    "the same name without a register number or business ID is also on line "
                    "%(lines)s"
                )
                % {"lines": others}
            )


def _others(rows: list[_Row]) -> list[tuple[_Row, str]]:
    """Each of several rows sharing a key, with the lines of the others ("4, 9")."""
    if len(rows) < 2:
        return []
    return [(row, ", ".join(str(other.line) for other in rows if other is not row)) for row in rows]


def _has_identifier(row: _Row) -> bool:
    return bool(row.values.get("register_number") or row.values.get("business_id"))


# Matching rows to stored associations ----------------------------------------------------------


@dataclass
class _Stored:
    """The stored associations that rows of the file may update, locked until the import ends."""

    by_register_number: dict[str, Association]
    by_business_id: dict[str, Association]
    unclaimed_by_name: dict[str, list[Association]]

    @classmethod
    def load(cls, rows: list[_Row]) -> _Stored:
        register_numbers = {
            r.values["register_number"] for r in rows if r.values.get("register_number")
        }
        business_ids = {r.values["business_id"] for r in rows if r.values.get("business_id")}
        names = {row.name_key for row in rows}
        found = (
            Association.objects.select_for_update()
            .annotate(name_key=Lower("name"))
            .filter(
                Q(register_number__in=register_numbers)
                | Q(business_id__in=business_ids)
                | Q(is_claimed=False, name_key__in=names)
            )
            .order_by("pk")
        )
        stored = cls({}, {}, defaultdict(list))
        for association in found:
            if association.register_number:
                stored.by_register_number[association.register_number] = association
            if association.business_id:
                stored.by_business_id[association.business_id] = association
            if not association.is_claimed:
                stored.unclaimed_by_name[association.name_key].append(association)
        return stored

    def match(self, row: _Row) -> Association | None:
        """The association `row` updates, or None to create one; adds an error when unclear."""
        register_number = row.values.get("register_number")
        business_id = row.values.get("business_id")
        by_number = self.by_register_number.get(register_number) if register_number else None
        by_id = self.by_business_id.get(business_id) if business_id else None
        if by_number and by_id and by_number.pk != by_id.pk:
            row.errors.append(
                _(
                    "register number %(number)s belongs to “%(first)s” but business ID %(id)s "
                    "to “%(second)s”"
                )
                % {
                    "number": format_register_number(register_number),
                    "first": by_number.name,
                    "id": business_id,
                    "second": by_id.name,
                }
            )
            return None
        match = by_number or by_id
        if match:
            # One identifier matched; the other must not contradict what is stored.
            if register_number and match.register_number not in ("", register_number):
                row.errors.append(
                    _(
                        "business ID %(id)s belongs to “%(name)s”, whose register number is "
                        "%(stored)s"
                    )
                    % {
                        "id": business_id,
                        "name": match.name,
                        "stored": format_register_number(match.register_number),
                    }
                )
            if business_id and match.business_id not in ("", business_id):
                row.errors.append(
                    _(
                        "register number %(number)s belongs to “%(name)s”, whose business ID is "
                        "%(stored)s"
                    )
                    % {
                        "number": format_register_number(register_number),
                        "name": match.name,
                        "stored": match.business_id,
                    }
                )
            return match
        candidates = self.unclaimed_by_name.get(row.name_key, [])
        if _has_identifier(row):
            # A listing imported earlier without identifiers gets them now instead of a twin.
            candidates = [c for c in candidates if not c.register_number and not c.business_id]
        if len(candidates) > 1:
            row.errors.append(
                _(
                    "%(count)d unclaimed associations are named “%(name)s”; add the register "
                    "number or business ID to say which one"
                )
                % {"count": len(candidates), "name": row.values["name"]}
            )
            return None
        return candidates[0] if candidates else None


def _flag_shared_targets(matches: list[tuple[_Row, Association | None]]) -> None:
    rows_by_target = defaultdict(list)
    for row, association in matches:
        if association is not None:
            rows_by_target[association.pk].append(row)
    for rows in rows_by_target.values():
        for row, others in _others(rows):
            row.errors.append(_("line %(lines)s updates the same association") % {"lines": others})


def _stored_relations(columns: list[str], association_ids: list[int]) -> dict[str, dict]:
    """For each vocabulary column: association id -> ids of the terms it has now."""
    related: dict[str, dict[int, set[int]]] = {}
    for column in columns:
        m2m = Association._meta.get_field(column)
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        pairs = m2m.remote_field.through.objects.filter(
            **{f"{source}_id__in": association_ids}
        ).values_list(f"{source}_id", f"{target}_id")
        related[column] = defaultdict(set)
        for association_id, term_id in pairs:
            related[column][association_id].add(term_id)
    return related


def _apply_row(association: Association, row: _Row, related_now: dict) -> tuple[list, dict]:
    """Set the row's values on `association`; return the changed fields and relations.

    Empty cells were left out of the row, so they never erase anything. An
    association that has claimed its listing maintains it itself: the file only
    fills in what it has left empty.
    """
    changed_fields = []
    for column, value in row.values.items():
        current = getattr(association, column)
        if association.is_claimed and current not in ("", None):
            continue
        if current != value:
            setattr(association, column, value)
            changed_fields.append(column)
    changed_related = {}
    for column, ids in row.related.items():
        current_ids = related_now[column].get(association.pk, set())
        if association.is_claimed and current_ids:
            continue
        if ids != current_ids:
            changed_related[column] = ids
    return changed_fields, changed_related


# Writing ---------------------------------------------------------------------------------------


class _Slugs:
    """Unique slugs for many new associations at once (models.unique_slug queries each time)."""

    def __init__(self):
        self.taken = set(Association.objects.values_list("slug", flat=True))
        self.last_number: dict[str, int] = {}

    def take(self, name: str) -> str:
        base = slugify(search.fold(name))[:200] or "yhdistys"  # as in models.unique_slug
        slug, number = base, self.last_number.get(base, 1)
        if number > 1:
            slug = f"{base}-{number}"
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.taken.add(slug)
        self.last_number[base] = number
        return slug


def _replace_relations(changes: dict[str, dict[int, set[int]]]) -> None:
    """Store exactly the given terms for each association (column -> association id -> ids)."""
    for column, by_association in changes.items():
        if not by_association:
            continue
        m2m = Association._meta.get_field(column)
        through = m2m.remote_field.through
        source, target = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
        through.objects.filter(**{f"{source}_id__in": list(by_association)}).delete()
        through.objects.bulk_create(
            [
                through(**{f"{source}_id": association_id, f"{target}_id": term_id})
                for association_id, term_ids in by_association.items()
                for term_id in term_ids
            ],
            batch_size=_BATCH_SIZE,
        )


def _write(
    new_rows: list[_Row], updates: list[tuple[Association, list, dict]], *, draft: bool
) -> None:
    slugs = _Slugs() if new_rows else None
    status = Association.Status.DRAFT if draft else Association.Status.PUBLISHED
    created = [
        Association(
            **row.values, slug=slugs.take(row.values["name"]), status=status, is_claimed=False
        )
        for row in new_rows
    ]
    Association.objects.bulk_create(created, batch_size=_BATCH_SIZE)

    now = timezone.now()
    changed = [association for association, fields, related in updates if fields or related]
    changed_fields = {name for _association, fields, _related in updates for name in fields}
    for association in changed:
        association.updated_at = now
        association.version += 1  # an editor with the old version open gets a conflict
    _save_columns(changed, [*sorted(changed_fields), "updated_at", "version"])

    relations: dict[str, dict[int, set[int]]] = defaultdict(dict)
    for association, row in zip(created, new_rows, strict=True):
        for column, ids in row.related.items():
            relations[column][association.pk] = ids
    for association, _fields, related in updates:
        for column, ids in related.items():
            relations[column][association.pk] = ids
    _replace_relations(relations)

    # Search terms include the category names, known only now that the relations are stored.
    searched = {"name", "alternate_name", "description"}
    refresh = created + [
        association
        for association, fields, related in updates
        if searched.intersection(fields) or "categories" in related
    ]
    prefetch_related_objects(refresh, "categories")
    for association in refresh:
        association.set_search_terms()
    _save_columns(refresh, SEARCH_FIELDS)


def _save_columns(associations: list[Association], names: list[str]) -> None:
    """Write some columns of many associations, one UPDATE … FROM (VALUES …) per batch.

    Django's bulk_update() builds a CASE WHEN per row and column, which takes
    over ten seconds for 10,000 rows; this takes well under one.
    """
    fields = [Association._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    # The casts give the VALUES columns their types (a column of NULLs would be text).
    assignments = ", ".join(
        f"{quote(field.column)} = v.{quote(field.column)}::{field.db_type(connection)}"
        for field in fields
    )
    one_row = "(" + ", ".join(["%s"] * (len(fields) + 1)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(associations), _BATCH_SIZE):
            batch = associations[start : start + _BATCH_SIZE]
            params = []
            for association in batch:
                params.append(association.pk)
                params += [
                    field.get_db_prep_save(getattr(association, field.attname), connection)
                    for field in fields
                ]
            # Only our own quoted column names are formatted in; the values are parameters.
            sql = (
                f"UPDATE {quote(Association._meta.db_table)} AS a SET {assignments} "  # noqa: S608
                f"FROM (VALUES {', '.join([one_row] * len(batch))}) AS v(id, {columns}) "
                f"WHERE a.{quote(Association._meta.pk.column)} = v.id"
            )
            cursor.execute(sql, params)


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
