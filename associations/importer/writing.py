"""Writing: slugs for new associations, relations, and the columns in bulk."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify

from associations import search
from associations.importer.rows import _Row
from associations.models import RELATION_ID_COLUMNS, SEARCH_TERM_FIELDS, Association

_BATCH_SIZE = 1000
SEARCH_FIELDS = SEARCH_TERM_FIELDS  # what set_search_terms() fills


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

    # The search columns hold the category names and every relation's ids, known only
    # now that the relations are stored.
    searched = {"name", "alternate_name", "description"}
    refresh = created + [
        association
        for association, fields, related in updates
        if searched.intersection(fields) or related
    ]
    prefetch_related_objects(refresh, *RELATION_ID_COLUMNS)
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
