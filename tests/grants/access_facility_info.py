"""The rows of the facilities' own pages in the authorization matrix
(tests/test_authorization.py): the list, a facility's page, the managers' pages and the
API."""

from tests.authorization import LOGIN, Row, World, everyone, no_args
from tests.grants.facility_factories import FacilityFactory


def scene(w: World) -> None:
    """A published facility and one not shown to residents."""
    w.facility = FacilityFactory(slug="kortepohjan-sali", access_instructions="Ovikoodi 1234")
    w.hidden_facility = FacilityFactory(slug="piilotila", is_published=False)


def facility(w: World) -> dict:
    return {"slug": w.facility.slug}


def hidden_facility(w: World) -> dict:
    return {"slug": w.hidden_facility.slug}


def facilities_managers(ok: int, *, others: int = 403, anonymous: int = LOGIN) -> dict[str, int]:
    """The facilities managers' pages: the facilities role (and the admin, who has every role)."""
    return {**everyone(others), "anonymous": anonymous, "facilities_manager": ok, "admin": ok}


ROWS: list = [
    Row("facilities:list", no_args, everyone(200)),
    Row("facilities:detail", facility, everyone(200)),
    Row(
        "facilities:detail",
        hidden_facility,
        facilities_managers(200, others=404, anonymous=404),
        variant="unpublished",
    ),
    Row("api-facilities", no_args, everyone(200)),
    Row("facilities:manage", no_args, facilities_managers(200)),
    Row("facilities:create", no_args, facilities_managers(200)),
    Row("facilities:create", no_args, facilities_managers(400), method="post", variant="empty"),
    Row("facilities:edit", facility, facilities_managers(200)),
    Row("facilities:edit", hidden_facility, facilities_managers(200), variant="unpublished"),
    Row("facilities:photos", facility, facilities_managers(200)),
    Row(
        "facilities:photos",
        facility,
        facilities_managers(400),
        method="post",
        data=lambda w: {"action": "upload"},
        variant="no-file",
    ),
]
