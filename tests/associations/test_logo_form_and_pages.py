"""The logo form field, storing a processed logo on an association (and when the previous
files go), and how the directory and profile pages show a logo."""

import pytest
from django import forms
from django.core.files.storage import default_storage
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image

from associations.logos import LogoField, ProcessedLogo, process_logo
from tests.associations.conftest import NOT_AN_IMAGE, encode, logo_picture, upload
from tests.factories import AssociationFactory, CompleteAssociationFactory

# --- The form field -------------------------------------------------------------------


class LogoForm(forms.Form):
    logo = LogoField(required=False)


def test_logo_field_gives_a_processed_logo():
    form = LogoForm(files={"logo": upload(encode(logo_picture(), "PNG"), name="logo.png")})
    assert form.is_valid(), form.errors
    assert isinstance(form.cleaned_data["logo"], ProcessedLogo)


def test_logo_field_gives_none_when_nothing_is_uploaded():
    form = LogoForm(data={}, files={})
    assert form.is_valid()
    assert form.cleaned_data["logo"] is None


def test_logo_field_gives_none_when_the_stored_logo_stays():
    form = LogoForm(data={}, files={}, initial={"logo": "logos/old.webp"})
    assert form.is_valid()
    assert form.cleaned_data["logo"] is None


def test_logo_field_shows_the_refusal_on_the_form():
    with translation.override("en"):
        form = LogoForm(files={"logo": upload(b"<svg/>", name="logo.jpg")})
        assert not form.is_valid()
        assert form.errors["logo"] == [NOT_AN_IMAGE]


def test_required_logo_field_asks_for_a_file():
    class RequiredLogoForm(forms.Form):
        logo = LogoField()

    with translation.override("en"):
        form = RequiredLogoForm(data={}, files={})
        assert not form.is_valid()
        assert form.errors["logo"] == ["This field is required."]


def test_logo_field_states_the_formats_and_the_size_limit():
    with translation.override("en"):
        html = str(LogoForm()["logo"])
        help_text = str(LogoForm()["logo"].help_text)
    assert 'type="file"' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    assert help_text.startswith("JPEG, PNG or WebP, at most 5 MB.")


# --- Storing on an association ----------------------------------------------------------


@pytest.fixture
def new_logo():
    return process_logo(upload(encode(logo_picture((600, 300)), "PNG"), name="logo.png"))


def _exists(field) -> bool:
    return default_storage.exists(field.name)


@pytest.mark.django_db
def test_save_to_stores_both_sizes_on_the_association(media_root, new_logo):
    association = AssociationFactory()
    new_logo.save_to(association)
    association.save()

    association.refresh_from_db()
    assert association.logo.name == f"logos/{new_logo.main.file.name}"
    assert association.logo_small.name == f"logos/{new_logo.small.file.name}"
    assert (media_root / association.logo.name).is_file()
    with Image.open(association.logo_small.path) as small:
        assert small.format == "WEBP" and small.size == (128, 64)


@pytest.mark.django_db
def test_save_to_keeps_the_previous_files_for_the_change_history(media_root, new_logo):
    association = CompleteAssociationFactory()  # an older row: only `logo`, no small size
    previous = association.logo.name
    new_logo.save_to(association)
    association.save()
    assert default_storage.exists(previous)


@pytest.mark.django_db
def test_previous_files_are_deleted_only_after_the_save_commits(
    media_root, new_logo, django_capture_on_commit_callbacks
):
    association = AssociationFactory()
    process_logo(upload(encode(logo_picture(), "PNG"))).save_to(association)
    association.save()
    previous = [association.logo.name, association.logo_small.name]

    with django_capture_on_commit_callbacks() as callbacks:
        new_logo.save_to(association, delete_previous=True)
        association.save()
        assert all(default_storage.exists(name) for name in previous)  # not before the commit
    for callback in callbacks:
        callback()

    assert not any(default_storage.exists(name) for name in previous)
    assert _exists(association.logo) and _exists(association.logo_small)


@pytest.mark.django_db
def test_a_failed_save_loses_no_previous_file(
    media_root, new_logo, django_capture_on_commit_callbacks
):
    association = CompleteAssociationFactory()
    previous = association.logo.name

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        new_logo.save_to(association, delete_previous=True)
        association.save()
        raise RuntimeError("the save failed")

    assert callbacks == []
    assert default_storage.exists(previous)
    association.refresh_from_db()
    assert association.logo.name == previous


# --- The pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_directory_rows_show_the_small_logo_as_decoration(client, media_root, new_logo):
    association = AssociationFactory(name="Kuoro ry")
    new_logo.save_to(association)
    association.save()

    page = client.get("/en/associations/").content.decode()

    assert (
        f'<img class="result-logo" src="{association.logo_small.url}" alt="" '
        'width="56" height="56" loading="lazy">'
    ) in page
    assert association.logo.url not in page


@pytest.mark.django_db
def test_directory_rows_of_older_profiles_show_their_only_logo(client, media_root):
    association = CompleteAssociationFactory()
    assert not association.logo_small

    page = client.get("/en/associations/").content.decode()

    assert f'<img class="result-logo" src="{association.logo.url}" alt=""' in page


@pytest.mark.django_db
def test_profile_page_shows_the_logo_named_for_its_association(client, media_root, new_logo):
    association = AssociationFactory(name="Kuoro ry")
    new_logo.save_to(association)
    association.save()

    page = client.get(f"/en/associations/{association.slug}/").content.decode()

    assert (
        f'<img class="profile-logo" src="{association.logo.url}" '
        f'srcset="{association.logo_small.url} 1x, {association.logo.url} 2x" '
        'alt="Logo of Kuoro ry" width="120" height="120">'
    ) in page


@pytest.mark.django_db
def test_profile_page_of_an_older_profile_shows_its_only_logo(client, media_root):
    association = CompleteAssociationFactory()
    page = client.get(f"/en/associations/{association.slug}/").content.decode()
    assert f'<img class="profile-logo" src="{association.logo.url}" alt="Logo of ' in page
    assert "srcset" not in page


@pytest.mark.django_db
def test_logos_add_no_queries_to_the_pages(client, media_root, new_logo):
    plain = [AssociationFactory(name=f"Kuoro {n} ry") for n in range(3)]

    def queries(url: str) -> int:
        client.get(url)  # warm per-process caches
        with CaptureQueriesContext(transaction.get_connection()) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    without_logos = queries("/associations/"), queries(plain[0].get_absolute_url())
    for association in plain:
        new_logo.save_to(association)
        association.save()
    CompleteAssociationFactory(name="Kuoro 9 ry")  # an older row with only `logo`
    with_logos = queries("/associations/"), queries(plain[0].get_absolute_url())

    assert with_logos == without_logos
