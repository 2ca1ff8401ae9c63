"""The facilities managers' pages: the list of every facility, creating and editing one
with its rooms and opening hours, and its photos."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from grants.models import Facility, FacilityPhoto, OpeningHours
from tests.factories import DistrictFactory
from tests.grants.facility_factories import EquipmentFactory, FacilityFactory

pytestmark = pytest.mark.django_db

NEW = "/facilities/new/"
MANAGE = "/facilities/manage/"


def _rows(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def facility_data(rooms=(), hours=(), **fields) -> dict:
    data = {
        "name_fi": "Kortepohjan koulun liikuntasali",
        "name_sv": "",
        "name_en": "",
        "slug": "",
        "kind": "school_gym",
        "street_address": "Ylistönmäentie 28",
        "postal_code": "40500",
        "city": "Jyväskylä",
        "capacity": "60",
        "pricing": "discounted",
        "price_per_hour": "12,50",
        "normal_price_per_hour": "45",
        "rules_fi": "Sisäkengät pakolliset.",
        "access_instructions": "Ovikoodi 4321",
        "contact_name": "Tiina Tilavastaava",
        "contact_email": "tilat@jyvaskyla.example.fi",
        "is_published": "on",
    }
    data.update(fields)
    data.update(_rows("rooms", list(rooms)))
    data.update(_rows("hours", list(hours)))
    return data


def _png(size=(40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile("sali.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def manager_client(client, facilities_manager):
    client.force_login(facilities_manager)
    return client


def test_a_manager_creates_a_facility_with_rooms_and_hours(manager_client):
    district = DistrictFactory(slug="kortepohja", name_fi="Kortepohja")
    projector = EquipmentFactory(slug="projector", name_fi="Videotykki")
    data = facility_data(
        district=str(district.pk),
        equipment=[str(projector.pk)],
        step_free_access="on",
        rooms=[{"name": "Sali", "capacity": "60", "notes": ""}, {"name": "Pukuhuone"}],
        hours=[
            {"weekday": "0", "opens": "17:00", "closes": "21:00"},
            {"weekday": "4", "opens": "18.00", "closes": "00:00"},
        ],
    )
    response = manager_client.post(NEW, data)
    facility = Facility.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/facilities/{facility.slug}/")
    assert facility.slug == "kortepohjan-koulun-liikuntasali"
    assert facility.price_per_hour == Decimal("12.50")
    assert facility.normal_price_per_hour == Decimal("45.00")
    assert facility.district == district
    assert list(facility.equipment.all()) == [projector]
    assert facility.step_free_access
    assert [(r.name, r.ordering) for r in facility.rooms.all()] == [("Sali", 0), ("Pukuhuone", 1)]
    assert [str(span.closes) for span in facility.opening_hours.all()] == ["21:00:00", "00:00:00"]


def test_a_manager_edits_a_facility_and_removes_a_span(manager_client):
    facility = FacilityFactory(open_every_day=False, slug="huhtasuon-nuorisotila")
    monday = OpeningHours.objects.create(
        facility=facility, weekday=0, opens=datetime.time(8), closes=datetime.time(12)
    )
    data = facility_data(name_fi="Huhtasuon nuorisotila", slug="huhtasuon-nuorisotila")
    data.update(
        _rows(
            "hours",
            [
                {
                    "id": str(monday.pk),
                    "weekday": "0",
                    "opens": "08:00",
                    "closes": "12:00",
                    "DELETE": "on",
                },
                {"weekday": "2", "opens": "16:00", "closes": "20:00"},
            ],
            initial=1,
        )
    )
    response = manager_client.post(f"/facilities/{facility.slug}/edit/", data)
    assert response.status_code == 302
    facility.refresh_from_db()
    assert facility.name_fi == "Huhtasuon nuorisotila"
    assert [(s.weekday, s.opens) for s in facility.opening_hours.all()] == [(2, datetime.time(16))]


def test_overlapping_hours_are_refused_with_a_message_and_nothing_typed_is_lost(manager_client):
    data = facility_data(
        hours=[
            {"weekday": "1", "opens": "08:00", "closes": "12:00"},
            {"weekday": "1", "opens": "11:00", "closes": "14:00"},
        ]
    )
    response = manager_client.post(NEW, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert not Facility.objects.exists()
    assert "tiistai" in page.lower() and "8.00–12.00" in page and "11.00–14.00" in page
    assert 'value="Kortepohjan koulun liikuntasali"' in page
    assert 'value="11:00"' in page


def test_hours_that_close_before_they_open_are_refused(manager_client):
    response = manager_client.post(
        NEW, facility_data(hours=[{"weekday": "1", "opens": "18:00", "closes": "08:00"}])
    )
    assert response.status_code == 400
    assert not Facility.objects.exists()


def test_a_free_facility_with_a_price_is_a_message_not_an_error(manager_client):
    response = manager_client.post(NEW, facility_data(pricing="free", price_per_hour="10"))
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Facility.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("capacity", "paljon"),
        ("capacity", "0"),
        ("price_per_hour", "kymppi"),
        ("latitude", "200"),
        ("slug", "manage"),
        ("contact_email", "ei-osoite"),
        ("name_fi", ""),
    ],
)
def test_bad_input_is_a_400_that_keeps_what_was_typed(manager_client, field, value):
    response = manager_client.post(NEW, facility_data(**{field: value, "postal_code": "40520"}))
    page = response.content.decode()
    assert response.status_code == 400
    assert 'value="40520"' in page
    assert 'class="errors error-summary"' in page
    assert not Facility.objects.exists()


def test_a_taken_address_name_is_refused(manager_client):
    FacilityFactory(slug="sali")
    response = manager_client.post(NEW, facility_data(slug="sali"))
    assert response.status_code == 400
    assert Facility.objects.count() == 1


def test_people_without_the_role_cannot_keep_facilities(client, outsider, grants_officer):
    facility = FacilityFactory()
    for person in (outsider, grants_officer):
        client.force_login(person)
        assert client.get(NEW).status_code == 403
        assert client.post(NEW, facility_data()).status_code == 403
        assert client.get(f"/facilities/{facility.slug}/edit/").status_code == 403
        assert client.get(MANAGE).status_code == 403
    assert Facility.objects.count() == 1


def test_the_managers_list_has_unpublished_facilities_and_bounded_queries(
    manager_client, django_assert_max_num_queries
):
    for n in range(12):
        FacilityFactory(name_fi=f"Tila {n:02d}", is_published=n % 2 == 0)
    FacilityFactory(name_fi="Piilotettu sali", is_published=False)
    with django_assert_max_num_queries(10):
        response = manager_client.get(MANAGE)
    assert response.status_code == 200
    assert "Piilotettu sali" in response.content.decode()


def test_a_photo_is_uploaded_reencoded_and_shown_with_its_description(
    manager_client, media_root, client
):
    facility = FacilityFactory(slug="verso")
    response = manager_client.post(
        f"/facilities/{facility.slug}/photos/",
        {"action": "upload", "image": _png(), "alt_fi": "Kokoushuoneen pöytä ja tuolit"},
    )
    assert response.status_code == 302
    photo = FacilityPhoto.objects.get()
    assert photo.image.name.endswith(".webp")
    assert (photo.width, photo.height) == (40, 30)
    with Image.open(photo.image.path) as stored:
        assert stored.format == "WEBP"
    page = client.get(f"/facilities/{facility.slug}/").content.decode()
    assert 'alt="Kokoushuoneen pöytä ja tuolit"' in page


def test_a_photo_needs_its_description_and_a_real_image(manager_client, media_root):
    facility = FacilityFactory()
    url = f"/facilities/{facility.slug}/photos/"
    no_alt = manager_client.post(url, {"action": "upload", "image": _png(), "alt_fi": ""})
    assert no_alt.status_code == 400
    not_image = manager_client.post(
        url,
        {
            "action": "upload",
            "image": SimpleUploadedFile("kuva.png", b"<html>ei kuva</html>", "image/png"),
            "alt_fi": "Sali",
        },
    )
    assert not_image.status_code == 400
    assert "JPEG, PNG" in not_image.content.decode()
    assert not FacilityPhoto.objects.exists()


def test_photos_are_reordered_described_and_deleted(manager_client, media_root):
    facility = FacilityFactory()
    url = f"/facilities/{facility.slug}/photos/"
    for alt in ("Ensimmäinen", "Toinen"):
        manager_client.post(url, {"action": "upload", "image": _png(), "alt_fi": alt})
    first, second = facility.photos.all()
    data = {
        "action": "edit",
        **_rows(
            "photos",
            [
                {"id": str(first.pk), "alt_fi": "Ensimmäinen", "ordering": "5", "DELETE": "on"},
                {"id": str(second.pk), "alt_fi": "Sali ikkunoineen", "ordering": "0"},
            ],
            initial=2,
        ),
    }
    response = manager_client.post(url, data)
    assert response.status_code == 302
    assert [p.alt_fi for p in facility.photos.all()] == ["Sali ikkunoineen"]


def test_the_facilities_are_kept_in_the_admin_too(admin_client):
    facility = FacilityFactory()
    for url in (
        "/admin/grants/facility/add/",
        f"/admin/grants/facility/{facility.pk}/change/",
        "/admin/grants/equipment/add/",
        "/admin/grants/room/add/",
        "/admin/grants/openinghours/add/",
        "/admin/grants/facilityphoto/add/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_a_photo_uploaded_in_the_admin_is_reencoded_too(admin_client, media_root):
    facility = FacilityFactory()
    response = admin_client.post(
        "/admin/grants/facilityphoto/add/",
        {"facility": str(facility.pk), "image": _png(), "alt_fi": "Sali", "ordering": "0"},
    )
    assert response.status_code == 302
    assert FacilityPhoto.objects.get().image.name.endswith(".webp")
