"""Changes to a profile as people read them: before and after, field by field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.storage import default_storage

from associations.models import PROFILE_RELATIONS, Association
from associations.models.moderation import field_label


@dataclass
class DiffRow:
    """One field of a change, ready to show: before and after, each as its kind of value."""

    field: str
    label: str
    kind: str  # "text", "bool", "list" or "image"
    old: Any
    new: Any
    removed: list[str] | None = None  # lists: the terms taken away and added
    added: list[str] | None = None


def _image_url(name: str) -> str:
    return default_storage.url(name) if name else ""


def diff_changes(changes) -> list:
    """The changes with `diff` (a list of DiffRow) set on each.

    Lists of terms are named in the reader's language, looked up in one query per
    vocabulary for all the changes; a term deleted since keeps the name it had when
    the change was made.
    """
    changes = list(changes)
    wanted: dict[str, set[int]] = {}
    for item in changes:
        for entry in item.changes:
            if entry["field"] in PROFILE_RELATIONS:
                ids = set(entry.get("old") or []) | set(entry.get("new") or [])
                wanted.setdefault(entry["field"], set()).update(ids)
    names: dict[str, dict[int, str]] = {}
    for field, ids in wanted.items():
        model = Association._meta.get_field(field).related_model
        # In the vocabulary's own order (dicts keep it), as the profile lists them.
        names[field] = {term.pk: term.name for term in model.objects.filter(pk__in=ids)}
    for item in changes:
        item.diff = [
            _diff_row(entry, names) for entry in item.changes if entry["field"] != "logo_small"
        ]
    return changes


def _diff_row(entry: dict, names: dict[str, dict[int, str]]) -> DiffRow:
    field = entry["field"]
    old, new = entry.get("old"), entry.get("new")
    label = field_label(field)
    if field in PROFILE_RELATIONS:
        known = names.get(field, {})

        def named(ids, stored) -> list[str]:
            ids = set(ids or [])
            if ids <= known.keys():
                return [name for pk, name in known.items() if pk in ids]
            # A term deleted since: the names as they were when the change was made.
            return list(stored or [])

        old_names = named(old, entry.get("old_names"))
        new_names = named(new, entry.get("new_names"))
        return DiffRow(
            field=field,
            label=label,
            kind="list",
            old=old_names,
            new=new_names,
            removed=[name for name in old_names if name not in new_names],
            added=[name for name in new_names if name not in old_names],
        )
    if field == "logo":
        return DiffRow(field, label, "image", _image_url(old or ""), _image_url(new or ""))
    if isinstance(old, bool) or isinstance(new, bool):
        return DiffRow(field, label, "bool", old, new)
    return DiffRow(
        field,
        label,
        "text",
        "" if old is None else old,
        "" if new is None else new,
    )
