"""Keeping each association's copy of its relations' ids (RELATION_ID_COLUMNS) current.

The directory's filters test those columns rather than the link tables
(associations/filters.py). Association.save() fills them from the relations; the
receivers below follow the changes made after a save through the ORM (add(), set(),
remove(), clear(), from either side of the relation) and the deletion of a term. The
importer and seed_scale write the link tables in bulk and fill the columns themselves.
"""

from __future__ import annotations

from functools import cache

from django.db.models.signals import m2m_changed, post_delete

from associations.models import RELATION_ID_COLUMNS, Association


def relation_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """After a relation of some associations changed, copy its ids again."""
    relation = _relations_by_through()[sender]
    if action == "pre_clear" and reverse:
        # Clearing a term's associations: which ones is known only before.
        instance._cleared_association_ids = list(
            getattr(instance, Association._meta.get_field(relation).related_query_name())
            .all()
            .values_list("pk", flat=True)
        )
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        rows = Association.objects.filter(pk=instance.pk)
        rows.refresh_relation_ids([relation])
        # The instance in hand is saved again later by some callers: keep it current.
        column = RELATION_ID_COLUMNS[relation]
        setattr(instance, column, rows.values_list(column, flat=True).get())
        return
    if action == "post_clear":
        ids = getattr(instance, "_cleared_association_ids", [])
    else:
        ids = list(pk_set or ())
    Association.objects.filter(pk__in=ids).refresh_relation_ids([relation])


def term_deleted(sender, instance, **kwargs):
    """A deleted term's links went with it (on delete cascade, which sends no m2m_changed)."""
    relation = _relations_by_term()[sender]
    column = RELATION_ID_COLUMNS[relation]
    rows = Association.objects.filter(**{f"{column}__contains": [instance.pk]})
    rows.refresh_relation_ids([relation])


@cache
def _relations_by_through() -> dict:
    return {
        Association._meta.get_field(relation).remote_field.through: relation
        for relation in RELATION_ID_COLUMNS
    }


@cache
def _relations_by_term() -> dict:
    return {
        Association._meta.get_field(relation).related_model: relation
        for relation in RELATION_ID_COLUMNS
    }


def connect() -> None:
    for through in _relations_by_through():
        m2m_changed.connect(relation_changed, sender=through, dispatch_uid=f"ids:{through}")
    for term in _relations_by_term():
        post_delete.connect(term_deleted, sender=term, dispatch_uid=f"ids:{term}")
