"""Load Jyväskylä demo content and one demo user per role. Safe to run again: it only updates."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from associations import demo_data, workflows
from associations.models import (
    ActivityLanguage,
    Association,
    Category,
    Claim,
    District,
    LiaisonContact,
    Membership,
    Report,
    TargetGroup,
)
from yhdistystori.models import SiteConfiguration
from yhdistystori.roles import grant_role, setup_roles


class Command(BaseCommand):
    help = "Load demo data for Jyväskylä: vocabulary, ~150 associations, liaisons, demo users."

    def handle(self, *args, **options):
        with transaction.atomic():
            SiteConfiguration.objects.update_or_create(pk=1, defaults=demo_data.SITE)
            vocab = {
                "categories": load_vocabulary(Category, demo_data.CATEGORIES),
                "districts": load_vocabulary(District, [row[:4] for row in demo_data.DISTRICTS]),
                "target_groups": load_vocabulary(TargetGroup, demo_data.TARGET_GROUPS),
                "languages": load_vocabulary(ActivityLanguage, demo_data.LANGUAGES),
            }
            count = _load_associations(vocab)
            liaisons = _load_liaisons(vocab)
            setup_roles()
            _load_users(liaisons[0])
            _load_editor_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo data is in place: {count} associations."))
        self._print_logins()

    def _print_logins(self):
        lines = [f"Demo logins (password: {demo_data.DEMO_PASSWORD}):"]
        for role, email, _name, _group, _superuser, description in demo_data.DEMO_USERS:
            lines.append(f"  {role:<11} {email:<26} {description}")
        lines.append(
            f"City staff and the admin also need an authenticator app code: add the secret "
            f"{demo_data.DEMO_TOTP_SECRET} to the app (time-based, 6 digits)."
        )
        lines.append("Site: http://127.0.0.1:8000/")
        lines.append(
            "Log in: http://127.0.0.1:8000/accounts/login/  (city staff then open /admin/)"
        )
        self.stdout.write("\n".join(lines))


def load_vocabulary(model, rows) -> dict:
    """Create or update terms by slug; returns {slug: instance}."""
    by_slug = {}
    for ordering, (slug, name_fi, name_sv, name_en) in enumerate(rows):
        by_slug[slug], _created = model.objects.update_or_create(
            slug=slug,
            defaults={
                "name_fi": name_fi,
                "name_sv": name_sv,
                "name_en": name_en,
                "ordering": ordering,
            },
        )
    return by_slug


def _load_associations(vocab: dict) -> int:
    items = demo_data.demo_associations(timezone.localdate())
    for item in items:
        # Existing rows are left as they are: editors and the liaison may have
        # changed them in the demo, and `make run` runs this every time.
        association, created = Association.objects.get_or_create(
            slug=item.slug, defaults=item.fields
        )
        if not created:
            continue
        if association.status == Association.Status.PENDING:
            association.submitted_at = timezone.now() - timedelta(days=3)
            association.save(update_fields=["submitted_at"])
        for relation in ("categories", "districts", "target_groups", "languages"):
            wanted = [vocab[relation][slug] for slug in getattr(item, relation)]
            getattr(association, relation).set(wanted)
        # Category names are part of the search terms; save() ran before they were set.
        association.update_search_terms()
    return len(items)


def _load_liaisons(vocab: dict) -> list[LiaisonContact]:
    liaisons = []
    for ordering, row in enumerate(demo_data.LIAISONS):
        name, title_fi, title_sv, title_en, phone, email, districts, categories = row
        liaison, _created = LiaisonContact.objects.update_or_create(
            email=email,
            defaults={
                "name": name,
                "title_fi": title_fi,
                "title_sv": title_sv,
                "title_en": title_en,
                "phone": phone,
                "is_active": True,
                "ordering": ordering,
            },
        )
        liaison.districts.set([vocab["districts"][slug] for slug in districts])
        liaison.categories.set([vocab["categories"][slug] for slug in categories])
        liaisons.append(liaison)
    return liaisons


def _load_users(general_liaison: LiaisonContact) -> None:
    User = get_user_model()
    for _who, email, full_name, role, superuser, _about in demo_data.DEMO_USERS:
        user, created = User.objects.update_or_create(
            email=email,
            defaults={
                "full_name": full_name,
                # City staff use the admin (the liaison's desk comes with moderation).
                "is_staff": superuser or role is not None,
                "is_superuser": superuser,
                "is_active": True,
            },
        )
        # Hashing is slow on purpose; only hash when the password is not the demo one yet.
        if created or not user.check_password(demo_data.DEMO_PASSWORD):
            user.set_password(demo_data.DEMO_PASSWORD)
            user.save(update_fields=["password"])
        # Logging in needs a verified address (ACCOUNT_EMAIL_VERIFICATION = "mandatory").
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if role:
            grant_role(user, role)
        if (
            user.is_staff
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            # Staff must use two-factor authentication (yhdistystori/mfa.py).
            TOTP.activate(user, demo_data.DEMO_TOTP_SECRET)
        if email == demo_data.LIAISON_USER_EMAIL and general_liaison.user_id != user.pk:
            general_liaison.user = user
            general_liaison.save(update_fields=["user"])


def _load_editor_demo() -> None:
    """The representative's associations and one item of each kind in the liaison's queue.

    Created once: what people do with them in the demo is not undone by a later run.
    """
    representative = get_user_model().objects.get(email=demo_data.REPRESENTATIVE_EMAIL)
    if Membership.objects.filter(user=representative).exists():
        return
    ordered = Association.objects.order_by("slug")
    own = [
        *ordered.filter(status__in=[Association.Status.DRAFT, Association.Status.PENDING]),
        *ordered.filter(status=Association.Status.PUBLISHED, is_claimed=True, name__endswith=" ry")[
            :2
        ],
    ]
    for association in own:
        Membership.objects.create(
            association=association, user=representative, role=Membership.Role.OWNER
        )
    published = [a for a in own if a.status == Association.Status.PUBLISHED]
    # A change that went live (in the liaison's change feed) and a new name waiting.
    first = published[0]
    workflows.profile_update(
        association=first,
        user=representative,
        base_version=first.version,
        values={"seeks_volunteers": True, "phone": "040 123 4567"},
        relations={},
    )
    first.refresh_from_db()
    workflows.profile_update(
        association=first,
        user=representative,
        base_version=first.version,
        values={"name": f"{first.name.removesuffix(' ry')} – uusi nimi ry"},
        relations={},
    )
    unclaimed = ordered.filter(status=Association.Status.PUBLISHED, is_claimed=False).first()
    if unclaimed and not Claim.objects.filter(association=unclaimed).exists():
        Claim.objects.create(
            association=unclaimed,
            user=representative,
            position="Sihteeri",
            message="Hoidan yhdistyksen viestintää ja haluaisin päivittää tiedot.",
            created_at=timezone.now() - timedelta(days=1),
        )
    reported = ordered.filter(status=Association.Status.PUBLISHED).exclude(
        pk__in=[a.pk for a in own]
    )[3]
    if not Report.objects.filter(association=reported).exists():
        Report.objects.create(
            association=reported,
            reason=Report.Reason.INACTIVE,
            message="Yhdistyksen kotisivu ei enää toimi, eikä toimintaa ole näkynyt vuoteen.",
            created_at=timezone.now() - timedelta(days=2),
        )
