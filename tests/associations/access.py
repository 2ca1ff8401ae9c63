"""The associations' rows of the authorization matrix (tests/test_authorization.py):
the API, the directory and profiles, the editors' pages and the desk's item pages."""

from associations.hsds import organization_id
from associations.models import Association, Claim, Invitation, Membership, ProfileChange, Report
from tests.authorization import (
    DONE,
    Row,
    World,
    editors_only,
    everyone,
    liaisons_only,
    no_args,
    owners_only,
    signed_in,
)
from tests.factories import AssociationFactory


def scene(w: World) -> None:
    """Besides the world's association (owner, editor): an unclaimed listing with a claim,
    a draft of the same owner and editor, a report, changes and an open invitation."""
    owner, editor = w.users["owner"], w.users["editor"]
    a = w.association
    w.unclaimed = AssociationFactory(name="Citykerho ry", is_claimed=False)
    w.draft = AssociationFactory(name="Draftiseura ry", status=Association.Status.DRAFT)
    Membership.objects.create(association=w.draft, user=owner, role=Membership.Role.OWNER)
    Membership.objects.create(association=w.draft, user=editor, role=Membership.Role.EDITOR)
    w.editor_membership = a.memberships.get(user=editor)
    w.claim = Claim.objects.create(
        association=w.unclaimed, user=w.users["outsider"], position="Puheenjohtaja"
    )
    w.report = Report.objects.create(
        association=a, reason="incorrect", message="Puhelin on väärin."
    )
    w.applied_change = ProfileChange.objects.create(
        association=a,
        user=owner,
        changes=[{"field": "phone", "old": "", "new": "040 1"}],
        version=a.version,
        to_published=True,
    )
    w.pending_change = ProfileChange.objects.create(
        association=a,
        user=owner,
        changes=[{"field": "name", "old": a.name, "new": "Ahjon Laulajat ry"}],
        status=ProfileChange.Status.PENDING,
        version=a.version,
        to_published=True,
    )
    w.invitation, w.invitation_token = Invitation.new(
        association=a, email="uusi@example.fi", invited_by=owner
    )
    w.invitation.save()


def slug_of_association(w: World) -> dict:
    return {"slug": w.association.slug}


ROWS = [
    # Public pages: the same for everyone.
    Row("api-associations", no_args, everyone(200)),
    Row("api-association", lambda w: {"pk": w.association.pk}, everyone(200)),
    Row("api-association", lambda w: {"pk": w.draft.pk}, everyone(404), variant="draft"),
    Row("api-openapi", no_args, everyone(200)),
    Row("hsds-root", no_args, everyone(200)),
    Row("hsds-openapi", no_args, everyone(200)),
    Row("hsds-organizations", no_args, everyone(200)),
    Row("hsds-organization", lambda w: {"id": organization_id(w.association.pk)}, everyone(200)),
    Row(
        "hsds-organization",
        lambda w: {"id": organization_id(w.draft.pk)},
        everyone(404),
        variant="draft",
    ),
    Row("open_data", no_args, everyone(200)),
    Row("associations:directory", no_args, everyone(200)),
    Row("associations:export_csv", no_args, everyone(200)),
    Row("associations:export_spreadsheet", no_args, everyone(200)),
    Row("associations:detail", slug_of_association, everyone(200)),
    # A draft is seen by its own editors and the liaisons only.
    Row(
        "associations:detail",
        lambda w: {"slug": w.draft.slug},
        editors_only(200, outsiders=404) | {"anonymous": 404},
        variant="draft",
    ),
    # Associations' own pages.
    Row("associations:create", no_args, signed_in(200)),
    Row("associations:edit", slug_of_association, editors_only(200)),
    Row("associations:editors", slug_of_association, editors_only(200)),
    Row("associations:verify", slug_of_association, editors_only(DONE), method="post"),
    Row(
        "associations:submit",
        lambda w: {"slug": w.draft.slug},
        editors_only(DONE, outsiders=404),
        method="post",
    ),
    Row("associations:claim", lambda w: {"slug": w.unclaimed.slug}, signed_in(200)),
    Row("associations:report", slug_of_association, everyone(200)),
    Row(
        "associations:editor_remove",
        lambda w: {"slug": w.association.slug, "pk": w.editor_membership.pk},
        editors_only(DONE),  # an editor may remove themselves (leave)
        method="post",
    ),
    Row(
        "associations:owner_transfer",
        lambda w: {"slug": w.association.slug, "pk": w.editor_membership.pk},
        owners_only(DONE),
        method="post",
    ),
    Row(
        "associations:invitation_cancel",
        lambda w: {"slug": w.association.slug, "pk": w.invitation.pk},
        owners_only(DONE),
        method="post",
    ),
    Row("associations:invitation", lambda w: {"token": w.invitation_token}, everyone(200)),
    # The associations' pages on the liaison's desk.
    Row("moderation:association", lambda w: {"pk": w.association.pk}, liaisons_only()),
    Row("moderation:claim", lambda w: {"pk": w.claim.pk}, liaisons_only()),
    Row("moderation:report", lambda w: {"pk": w.report.pk}, liaisons_only()),
    Row("moderation:changes", no_args, liaisons_only()),
    Row("moderation:change", lambda w: {"pk": w.pending_change.pk}, liaisons_only()),
    Row(
        "moderation:change",
        lambda w: {"pk": w.applied_change.pk},
        liaisons_only(),
        variant="applied",
    ),
    Row("moderation:log", no_args, liaisons_only()),
]
