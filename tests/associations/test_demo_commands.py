"""The demo loader and the scale seeder that `make demo` and `make bench` use."""

from __future__ import annotations

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import call_command

from associations import demo_data
from associations.models import (
    ActivityLanguage,
    Association,
    Category,
    Claim,
    District,
    LiaisonContact,
    Membership,
    ProfileChange,
    Report,
    TargetGroup,
)
from tests.factories import totp_code
from yhdistystori import desk
from yhdistystori.models import SiteConfiguration
from yhdistystori.roles import Role
from yhdistystori.validators import validate_business_id, validate_register_number

COUNTED_MODELS = [
    Association,
    Category,
    District,
    TargetGroup,
    ActivityLanguage,
    LiaisonContact,
    Membership,
    Claim,
    Report,
    ProfileChange,
]


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    counted = {model.__name__: model.objects.count() for model in COUNTED_MODELS}
    counted["User"] = get_user_model().objects.count()
    for relation in ("categories", "districts", "target_groups", "languages"):
        through = getattr(Association, relation).through
        counted[relation] = through.objects.count()
    return counted


@pytest.mark.django_db
def test_load_demo_creates_jyvaskyla_with_about_150_published_associations():
    load_demo()

    assert SiteConfiguration.current().city_name_fi == "Jyväskylä"
    assert 140 <= Association.objects.published().count() <= 160
    assert Association.objects.exclude(status=Association.Status.PUBLISHED).exists()
    assert District.objects.filter(name_fi="Kuokkala").exists()
    assert District.objects.count() >= 25
    assert Category.objects.count() >= 15
    assert ActivityLanguage.objects.get(slug="sv").name_fi == "ruotsi"
    assert TargetGroup.objects.filter(slug="maahanmuuttajat").exists()
    assert LiaisonContact.objects.filter(is_active=True).count() >= 2
    swedish = Association.objects.get(name="Svenska klubben i Jyväskylä rf")
    assert swedish.languages.filter(slug="sv").exists()


@pytest.mark.django_db
def test_demo_associations_are_findable_by_their_category_and_inflected_words():
    load_demo()

    published = Association.objects.published()
    assert published.search("mieskuorot").filter(name="Jyväskylän Mieskuoro ry").exists()
    # Category names are indexed too: the choir is found through "Musiikki".
    assert published.search("musiikki").filter(name="Jyväskylän Mieskuoro ry").exists()
    assert published.search("partiolaisten").count() >= 1


@pytest.mark.django_db
def test_running_load_demo_twice_changes_no_counts():
    load_demo()
    first = counts()
    passwords = dict(get_user_model().objects.values_list("email", "password"))

    load_demo()

    assert counts() == first
    # Passwords are not re-hashed when they are already the demo password.
    assert dict(get_user_model().objects.values_list("email", "password")) == passwords


@pytest.mark.django_db
def test_demo_gives_the_representative_associations_and_the_liaison_a_queue():
    load_demo()

    representative = get_user_model().objects.get(email=demo_data.REPRESENTATIVE_EMAIL)
    statuses = set(Association.objects.edited_by(representative).values_list("status", flat=True))
    assert statuses == {"draft", "pending", "published"}
    counts = desk.queue_counts()
    assert all(counts[kind] >= 1 for kind in ("listing", "claim", "report", "change", "stale"))
    assert ProfileChange.objects.feed().exists()


@pytest.mark.django_db
def test_load_demo_keeps_what_people_changed_in_the_demo():
    load_demo()
    pending = Association.objects.filter(status=Association.Status.PENDING).first()
    pending.status = Association.Status.PUBLISHED
    pending.save()

    load_demo()

    pending.refresh_from_db()
    assert pending.status == Association.Status.PUBLISHED


@pytest.mark.django_db
def test_demo_users_have_their_roles_and_can_log_in(client):
    output = load_demo()
    User = get_user_model()

    assert f"password: {demo_data.DEMO_PASSWORD}" in output
    assert User.objects.get(email="admin@demo.example").is_superuser
    for role in (Role.LIAISON, Role.GRANTS, Role.FACILITIES):
        user = User.objects.get(email=f"{role.value}@demo.example")
        assert list(user.groups.values_list("name", flat=True)) == [role.value]
        assert user.is_staff  # city staff work in the admin
    representative = User.objects.get(email="edustaja@demo.example")
    assert not representative.groups.exists()
    assert not representative.is_staff
    assert LiaisonContact.objects.get(user__email="liaison@demo.example").is_active
    for _role, email, *_rest in demo_data.DEMO_USERS:
        assert email in output
        assert client.login(username=email, password=demo_data.DEMO_PASSWORD), email
        client.logout()


@pytest.mark.django_db
def test_demo_users_log_in_on_the_login_page_with_verified_addresses(client):
    output = load_demo()
    load_demo()  # the addresses are not duplicated

    assert "http://127.0.0.1:8000/accounts/login/" in output
    assert demo_data.DEMO_TOTP_SECRET in output
    for _role, email, *_rest in demo_data.DEMO_USERS:
        assert EmailAddress.objects.get(email=email).verified
        response = client.post(
            "/accounts/login/", {"login": email, "password": demo_data.DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
        if get_user_model().objects.get(email=email).is_staff:
            # Staff have the printed authenticator app secret (one app each, after a rerun).
            assert Authenticator.objects.filter(user__email=email).count() == 1, email
            assert response["Location"] == "/accounts/2fa/authenticate/", email
            response = client.post(
                "/accounts/2fa/authenticate/", {"code": totp_code(demo_data.DEMO_TOTP_SECRET)}
            )
        user = get_user_model().objects.get(email=email)
        # Staff who decide on the desk (the liaison, the facilities manager, the admin)
        # land there, residents on My page.
        landing = "/moderation/" if desk.has_desk(user) else "/my/"
        assert response["Location"] == landing, email
        client.post("/accounts/logout/")


@pytest.mark.django_db
def test_demo_identifiers_are_valid_and_unique():
    load_demo()

    business_ids = [b for b in Association.objects.values_list("business_id", flat=True) if b]
    register_numbers = [
        r for r in Association.objects.values_list("register_number", flat=True) if r
    ]
    assert len(business_ids) > 50
    assert len(set(business_ids)) == len(business_ids)
    assert len(set(register_numbers)) == len(register_numbers)
    for business_id in business_ids:
        validate_business_id(business_id)
    for register_number in register_numbers:
        validate_register_number(register_number)
    # Every e-mail address is at a reserved example domain, never a real person's.
    emails = list(Association.objects.values_list("email", flat=True))
    emails += list(LiaisonContact.objects.values_list("email", flat=True))
    assert all(".example" in email for email in emails if email)


def test_demo_associations_are_the_same_on_every_call():
    from datetime import date

    first = demo_data.demo_associations(date(2026, 1, 1))
    second = demo_data.demo_associations(date(2026, 1, 1))

    assert [(a.slug, a.fields) for a in first] == [(a.slug, a.fields) for a in second]


def seed_scale(*args) -> str:
    out = StringIO()
    call_command("seed_scale", *args, stdout=out)
    return out.getvalue()


def seeded():
    return Association.objects.filter(slug__startswith="seed-")


@pytest.mark.django_db
def test_seed_scale_adds_the_requested_number_of_synthetic_associations():
    output = seed_scale("--associations", "500")

    assert "Added 500 associations" in output
    assert seeded().count() == 500
    assert seeded().published().count() > 450
    # Every row is linked to a category, a district, a target group and a language.
    for relation in ("categories", "districts", "target_groups", "languages"):
        through = getattr(Association, relation).through
        assert through.objects.filter(association__slug__startswith="seed-").count() >= 500


@pytest.mark.django_db
def test_seeded_associations_are_found_by_common_and_rare_words():
    seed_scale("--associations", "500")
    published = Association.objects.published()

    assert published.search("seura").count() > 100
    assert published.search("yhdistyksen").count() > 100
    # Inflected forms and category names work for seeded rows as for any other.
    assert published.search("urheiluseuran").exists()
    assert published.search("liikunta").exists()
    assert published.search("bridgekerho").count() < 10


@pytest.mark.django_db
def test_seeded_search_terms_are_what_the_model_computes():
    seed_scale("--associations", "200")
    search_fields = [f.name for f in Association._meta.fields if f.name.startswith("search_")]
    before = list(seeded().order_by("id").values_list(*search_fields))

    seeded().refresh_search_terms()

    assert list(seeded().order_by("id").values_list(*search_fields)) == before


@pytest.mark.django_db
def test_seed_scale_adds_to_earlier_rows_and_clear_removes_only_synthetic_ones():
    from tests.factories import AssociationFactory

    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    seed_scale("--associations", "100")
    seed_scale("--associations", "50")
    assert seeded().count() == 150
    assert seeded().values("slug").distinct().count() == 150

    output = seed_scale("--clear")

    assert "Deleted 150" in output
    assert not seeded().exists()
    assert list(Association.objects.values_list("name", flat=True)) == ["Jyväskylän Mieskuoro ry"]


@pytest.mark.django_db
def test_directory_ranks_name_word_then_name_part_then_description_only():
    from associations.filters import AssociationFilter
    from tests.factories import AssociationFactory

    AssociationFactory(name="Aamun Kuntoilijat ry", description="Seura järjestää lenkkejä.")
    AssociationFactory(name="Palokan Urheiluseura ry")
    AssociationFactory(name="Seura Kiri ry")
    AssociationFactory(name="Jyväskylän Mieskuoro ry")

    results = AssociationFilter({"q": "seura"}, queryset=Association.objects.published()).qs

    assert [a.name for a in results] == [
        "Seura Kiri ry",
        "Palokan Urheiluseura ry",
        "Aamun Kuntoilijat ry",
    ]


@pytest.mark.django_db
def test_a_typo_in_a_name_ranks_above_a_description_only_match():
    from associations.filters import AssociationFilter
    from tests.factories import AssociationFactory

    AssociationFactory(name="Aamun Kuntoilijat ry", description="Mieskuoro vierailee keväällä.")
    AssociationFactory(name="Jyväskylän Mieskuoro ry")

    results = AssociationFilter({"q": "mieskuro"}, queryset=Association.objects.published()).qs

    # Alphabetically the description-only match would come first.
    assert [a.name for a in results][0] == "Jyväskylän Mieskuoro ry"


@pytest.mark.django_db
def test_demo_liaison_can_open_the_admin_and_read_feedback(client):
    call_command("load_demo", stdout=StringIO())
    assert client.login(email="liaison@demo.example", password="demo-salasana")
    assert client.get("/en/admin/yhdistystori/feedback/").status_code == 200
    assert client.get("/en/admin/associations/association/").status_code == 200
    assert client.get("/en/admin/yhdistystori/user/").status_code == 403
