"""The rows of booking requests in the authorization matrix (tests/test_authorization.py)."""

from grants.booking_calendar import association_token
from tests.authorization import DONE, LOGIN, Row, World, everyone
from tests.grants.booking_fixtures import accepted_request, next_weekday, pending_request
from tests.grants.facility_factories import FacilityFactory


def scene(w: World) -> None:
    """A published facility, a request of the world's association waiting for an answer
    and an accepted one."""
    w.booking_facility = FacilityFactory(slug="matrix-sali", access_instructions="Koodi 1234")
    w.pending_booking = pending_request(
        w.booking_facility, w.association, dates=[next_weekday(1), next_weekday(1, weeks=3)]
    )
    w.accepted_booking = accepted_request(
        w.booking_facility, w.association, dates=[next_weekday(3)]
    )


def facility(w: World) -> dict:
    return {"slug": w.booking_facility.slug}


def pending(w: World) -> dict:
    return {"pk": w.pending_booking.pk}


def accepted(w: World) -> dict:
    return {"pk": w.accepted_booking.pk}


def token(w: World) -> dict:
    return {"token": association_token(w.association)}


def requesters(ok: int) -> dict[str, int]:
    """Editors of published associations ask; city staff answer, they do not ask."""
    return {**everyone(403), "anonymous": LOGIN, "other_editor": ok, "editor": ok, "owner": ok}


def readers(ok: int) -> dict[str, int]:
    """The association's editors and the facilities managers (admin is one); others 404."""
    return {
        **everyone(404),
        "anonymous": LOGIN,
        "editor": ok,
        "owner": ok,
        "facilities_manager": ok,
        "admin": ok,
    }


def association_only(ok: int) -> dict[str, int]:
    """The association's editors; managers read but answer on the desk (403)."""
    return {**readers(ok), "facilities_manager": 403, "admin": 403}


def managers(ok: int) -> dict[str, int]:
    return {**everyone(403), "anonymous": LOGIN, "facilities_manager": ok, "admin": ok}


ROWS: list = [
    Row("facilities:request", facility, requesters(200)),
    # An empty form is refused; nothing is made.
    Row("facilities:request", facility, requesters(400), method="post", variant="post"),
    Row("facilities:booking", pending, readers(200)),
    Row("facilities:booking", accepted, readers(200), variant="accepted"),
    Row("facilities:booking_withdraw", pending, association_only(DONE), method="post"),
    # An empty cancellation is refused (400): nothing is cancelled.
    Row("facilities:booking_cancel", accepted, readers(400), method="post"),
    # The busy times are public; the association's calendar is behind its signed address.
    Row("facilities:busy_ics", facility, everyone(200)),
    Row("facilities:association_ics", token, everyone(200)),
    Row("moderation:booking_request", pending, managers(200)),
    # A decision without its version is refused; nothing changes.
    Row("moderation:booking_request", pending, managers(400), method="post", variant="post"),
]
