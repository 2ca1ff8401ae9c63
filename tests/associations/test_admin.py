"""The associations in the Django admin: search, filters, the publish action, and edits
that reach the directory and the change feed as an editor's would."""

from django.urls import reverse

from associations.models import Association
from tests.factories import CategoryFactory


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
