"""Matching rows to stored associations, and what each row would change."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from associations.importer.rows import _has_identifier, _others, _Row
from associations.models import Association
from yhdistystori.validators import format_register_number


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
