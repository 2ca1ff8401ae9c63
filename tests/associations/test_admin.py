"""The associations in the Django admin: search, filters, the publish action, and edits
that take the editors' path: recorded for the change feed, checked for conflicts, and
with the status changed only through the desk's workflows."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from associations.models import Association, Membership, ModerationAction, ProfileChange
from tests.factories import AssociationFactory, CategoryFactory


def test_admin_can_open_an_association(admin_client, some_of_everything):
    association = Association.objects.get(name="Jyväskylän Mieskuoro ry")
    url = reverse("admin:associations_association_change", args=[association.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Jyväskylän Mieskuoro ry" in response.content.decode()
    assert admin_client.get(reverse("admin:associations_association_add")).status_code == 200


def admin_rows(response) -> list[str]:
    assert response.status_code == 200
    return sorted(str(obj) for obj in response.context["cl"].result_list)


def test_association_admin_search(admin_client, some_of_everything):
    url = reverse("admin:associations_association_changelist")
    assert admin_rows(admin_client.get(url, {"q": "mieskuoro"})) == ["Jyväskylän Mieskuoro ry"]


def test_association_admin_filters(admin_client, some_of_everything):
    url = reverse("admin:associations_association_changelist")
    client = admin_client
    assert admin_rows(client.get(url, {"status__exact": "draft"})) == ["Palokan Urheiluseura ry"]
    category = some_of_everything["category"]
    assert admin_rows(client.get(url, {"categories__id__exact": category.pk})) == [
        "Jyväskylän Mieskuoro ry"
    ]
    district = some_of_everything["district"]
    assert admin_rows(client.get(url, {"districts__id__exact": district.pk})) == [
        "Jyväskylän Mieskuoro ry"
    ]
    assert admin_rows(client.get(url, {"is_claimed__exact": "0"})) == [
        "Jyväskylän Mieskuoro ry",
        "Palokan Urheiluseura ry",
    ]


def test_association_admin_publish_action(admin_client, some_of_everything):
    draft = Association.objects.get(name="Palokan Urheiluseura ry")
    url = reverse("admin:associations_association_changelist")
    response = admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Association.Status.PUBLISHED
    # Through the desk's workflow: recorded in the liaisons' log.
    from associations.models import ModerationAction

    assert ModerationAction.objects.get(association=draft).action == "approve_listing"


def _form_data(form) -> dict:
    """The values a change form was shown with, as a browser would send them back."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False or name == "logo":
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list | tuple):
            data[name] = [str(v.pk if hasattr(v, "pk") else v) for v in value]
        else:
            data[name] = str(value)
    return data


def test_category_added_in_the_admin_makes_the_association_findable_by_it(
    admin_client, some_of_everything, client
):
    sports = CategoryFactory(slug="liikunta", name_fi="Liikunta")
    association = Association.objects.get(name="Jyväskylän Mieskuoro ry")
    url = reverse("admin:associations_association_change", args=[association.pk])
    data = _form_data(admin_client.get(url).context["adminform"].form)
    data["categories"] = [str(some_of_everything["category"].pk), str(sports.pk)]
    response = admin_client.post(url, {**data, "_save": "Save"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    results = client.get("/api/v1/associations", {"q": "liikunta"}).json()["results"]
    assert [item["name"] for item in results] == ["Jyväskylän Mieskuoro ry"]


def test_logo_uploaded_in_the_admin_is_checked_and_re_encoded(
    admin_client, some_of_everything, media_root
):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    association = Association.objects.get(name="Jyväskylän Mieskuoro ry")
    url = reverse("admin:associations_association_change", args=[association.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields and name != "new_logo"
    }
    for name in ("categories", "districts", "target_groups", "languages"):
        data[name] = [term.pk for term in data.get(name, [])]
    svg = SimpleUploadedFile("logo.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = admin_client.post(url, {**data, "new_logo": svg})
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors["new_logo"]

    buffer = io.BytesIO()
    Image.new("RGB", (900, 600), "navy").save(buffer, "JPEG")
    jpeg = SimpleUploadedFile("logo.jpg", buffer.getvalue(), content_type="image/jpeg")
    version = association.version
    response = admin_client.post(url, {**data, "new_logo": jpeg})
    assert response.status_code == 302
    association.refresh_from_db()
    assert association.logo.name.endswith(".webp") and association.logo_small.name
    assert association.logo.width == 480
    assert association.version == version + 1
    # The new logo is in the change feed, as an editor's would be.
    from associations.models import ProfileChange

    change = ProfileChange.objects.get(association=association)
    assert {"logo", "logo_small"} <= set(change.field_names)
    assert change.to_published


# --- one path for every write ---------------------------------------------------------


@pytest.fixture
def staff_client(client, liaison):
    call_command("setup_roles", verbosity=0)
    liaison.is_staff = True
    liaison.save(update_fields=["is_staff"])
    client.force_login(liaison)
    return client


def form_data(client, url) -> dict:
    return _form_data(client.get(url).context["adminform"].form)


def change_url(association) -> str:
    return reverse("admin:associations_association_change", args=[association.pk])


@pytest.mark.django_db
def test_an_admin_edit_is_recorded_for_the_change_feed(staff_client, liaison, association):
    url = change_url(association)
    data = form_data(staff_client, url)
    response = staff_client.post(url, {**data, "phone": "040 123 4567", "name": "Uusi Nimi ry"})
    assert response.status_code == 302
    association.refresh_from_db()
    # A liaison's own edit goes live at once, the name too, and is in the feed.
    assert (association.phone, association.name) == ("040 123 4567", "Uusi Nimi ry")
    change = ProfileChange.objects.get(association=association)
    assert change.user == liaison
    assert change.to_published
    assert {row["field"] for row in change.changes} == {"phone", "name"}
    assert association.version == int(data["base_version"]) + 1


@pytest.mark.django_db
def test_the_status_cannot_be_set_in_the_admin(staff_client, owner):
    draft = AssociationFactory(status=Association.Status.DRAFT)
    url = change_url(draft)
    data = form_data(staff_client, url)
    assert "status" not in data
    staff_client.post(url, {**data, "status": Association.Status.PUBLISHED})
    draft.refresh_from_db()
    assert draft.status == Association.Status.DRAFT
    assert not ModerationAction.objects.exists()


@pytest.mark.django_db
def test_publishing_in_the_admin_runs_the_approval(staff_client, liaison, mailoutbox):
    draft = AssociationFactory(status=Association.Status.PENDING)
    response = staff_client.post(
        reverse("admin:associations_association_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Association.Status.PUBLISHED
    action = ModerationAction.objects.get(association=draft)
    assert (action.action, action.actor) == (ModerationAction.Action.APPROVE_LISTING, liaison)


@pytest.mark.django_db
def test_a_save_over_someone_elses_keeps_theirs_and_says_so(staff_client, association):
    url = change_url(association)
    data = form_data(staff_client, url)
    # An editor saves while the admin's form is open.
    Association.objects.filter(pk=association.pk).update(
        phone="050 999", version=int(data["base_version"]) + 1
    )
    response = staff_client.post(url, {**data, "phone": "040 111"})
    assert response.status_code == 200
    assert "Joku tallensi profiilin sen jälkeen, kun avasit sen." in response.content.decode()
    association.refresh_from_db()
    assert association.phone == "050 999"
    assert not ProfileChange.objects.exists()


@pytest.mark.django_db
def test_a_listing_added_in_the_admin_is_a_draft_the_city_keeps(staff_client):
    url = reverse("admin:associations_association_add")
    response = staff_client.post(url, {"name": "Kaupungin Lisäämä ry", "description": "Testi."})
    assert response.status_code == 302
    added = Association.objects.get(name="Kaupungin Lisäämä ry")
    assert added.status == Association.Status.DRAFT
    assert not added.is_claimed  # the association may claim it
    assert not Membership.objects.filter(association=added).exists()
    assert added.slug == "kaupungin-lisaama-ry"
