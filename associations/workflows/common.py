"""What every workflow of the associations app shares: its error, row locks, the
liaison's record, and cleaning up a new logo when a workflow fails."""

from __future__ import annotations

import functools

from associations.logos import delete_files
from associations.models import Association, ModerationAction
from yhdistystori import desk


class WorkflowError(Exception):
    """An action that cannot be done as asked; the message is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def lock(association: Association) -> Association:
    """The association's row, locked until the transaction ends."""
    return Association.objects.select_for_update().get(pk=association.pk)


def record(action: str, *, actor, association: Association | None, reason: str = "", **links):
    """Write the liaison's action to the desk's log."""
    return ModerationAction.objects.create(
        action=action,
        actor=actor,
        association=association,
        association_name=association.name if association else "",
        reason=reason,
        **links,
    )


def announce(kind: str, *, pk: int, association: Association, summary: str = "") -> None:
    """A new item of `kind` waits on the desk (yhdistystori.desk)."""
    desk.announce(kind, pk=pk, title=association.name, summary=summary)


def new_logo_removed_on_error(workflow):
    """A workflow that fails after writing the new logo's files deletes them again.

    Outside the transaction: by the time the exception reaches here it has rolled back.
    """

    @functools.wraps(workflow)
    def run(*args, **kwargs):
        try:
            return workflow(*args, **kwargs)
        except Exception:
            logo = kwargs.get("logo")
            if logo is not None and logo.stored:
                storage, names = logo.stored
                delete_files(storage, names)
            raise

    return run
