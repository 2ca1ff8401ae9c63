"""Checking one row: vocabulary lookup, cleaning the values, duplicate rows."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

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
    normalize_phone,
    normalize_register_number,
    validate_postal_code,
)

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


@dataclass
class _Row:
    line: int
    values: dict[str, Any]  # scalar fields given in the file (empty cells left out)
    related: dict[str, set[int]]  # vocabulary field -> ids (empty cells left out)
    errors: list[str] = field(default_factory=list)

    @property
    def name_key(self) -> str:
        return self.values.get("name", "").lower()


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
        value = value.replace("\r\n", "\n")
    if column == "phone":
        value = normalize_phone(value)
    if column == "postal_code":
        validate_postal_code(value)
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
