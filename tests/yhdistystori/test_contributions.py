"""A feature app plugs into the shared pages without either side being edited:
the home page, My page, the desk's queue and account deletion take its contributions."""

from datetime import date

import pytest
from django.db.models import F

from associations.models import Association
from yhdistystori import desk
from yhdistystori.accounts import user_delete
from yhdistystori.contributions import Section, contribute, registry
from yhdistystori.desk import DeskKind, Urgency
from yhdistystori.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(settings, tmp_path):
    """A template file of a pretend app."""
    folder = tmp_path / "templates"
    folder.mkdir()
    engine = settings.TEMPLATES[0]
    # Django reloads its template engines when the setting changes.
    settings.TEMPLATES = [{**engine, "DIRS": [folder, *engine["DIRS"]]}]

    def write(name: str, text: str) -> str:
        (folder / name).write_text(text, encoding="utf-8")
        return name

    return write


@pytest.fixture
def clean_registry(monkeypatch):
    """What the installed apps contributed, restored after the test."""
    for name in ("home", "my_page", "account_deletion"):
        monkeypatch.setattr(registry, name, list(getattr(registry, name)))
    monkeypatch.setattr(registry, "desk_kinds", dict(registry.desk_kinds))
    return registry


def test_a_home_section_appears_on_the_home_page(client, clean_registry, template):
    name = template("tapahtumat.html", "<section><h2>Tulevat tapahtumat</h2>{{ count }}</section>")
    contribute(home=[Section(template=name, context=lambda request: {"count": 3})])
    page = client.get("/").content.decode()
    assert "<h2>Tulevat tapahtumat</h2>3" in page


def test_a_section_with_nothing_to_show_is_left_out(client, clean_registry, template):
    name = template("tyhja.html", "<h2>Avustushaut</h2>")
    contribute(home=[Section(template=name, context=lambda request: None)])
    assert "Avustushaut" not in client.get("/").content.decode()


def test_a_my_page_section_sees_the_person(client, clean_registry, template, outsider):
    name = template("omat.html", "<h2>Omat ilmoittautumiset</h2>{{ user.email }}")
    contribute(my_page=[Section(template=name, context=lambda request: {})])
    client.force_login(outsider)
    page = client.get("/my/").content.decode()
    assert f"<h2>Omat ilmoittautumiset</h2>{outsider.email}" in page


def test_account_deletion_runs_every_contribution_first(clean_registry, outsider):
    seen = []

    def release(*, user):
        seen.append(User.objects.filter(pk=user.pk).exists())

    contribute(account_deletion=[release])
    user_delete(user=outsider)
    assert seen == [True]  # called while the account still existed
    assert not User.objects.filter(pk=outsider.pk).exists()


def test_a_failing_contribution_keeps_the_account(clean_registry, outsider):
    def release(*, user):
        raise RuntimeError("cannot hand over")

    contribute(account_deletion=[release])
    with pytest.raises(RuntimeError):
        user_delete(user=outsider)
    assert User.objects.filter(pk=outsider.pk).exists()


def test_a_contributed_kind_waits_in_the_queue(client, clean_registry, liaison, association):
    contribute(
        desk_kinds=[
            DeskKind(
                name="pretend",
                label="Pretend item",
                plural="Pretend items",
                announcement="A pretend item waits.",
                queryset=lambda today: Association.objects.filter(pk=association.pk),
                since=F("created_at"),
                url_name="moderation:association",
                summary_template="moderation/includes/queue_summary.html",
                title=lambda obj: f"Pretend: {obj.name}",
            )
        ]
    )
    assert desk.queue_counts()["pretend"] == 1
    client.force_login(liaison)
    page = client.get("/en/moderation/?kind=pretend").content.decode()
    assert f"Pretend: {association.name}" in page
    assert "Pretend items" in page


def test_a_contributed_kind_slots_into_the_queue_by_its_urgency(
    client, clean_registry, liaison, association
):
    stale = Association.objects.create(
        name="Unohtunut ry", slug="unohtunut", last_verified_at=date(2000, 1, 1)
    )
    contribute(
        desk_kinds=[
            DeskKind(
                name=name,
                label=name,
                plural=name,
                announcement=name,
                queryset=lambda today, pk=pk: Association.objects.filter(pk=pk),
                since=F("created_at"),
                url_name="moderation:association",
                summary_template="moderation/includes/queue_summary.html",
                title=lambda obj, name=name: f"{name}: {obj.name}",
                urgency=urgency,
            )
            for name, pk, urgency in (
                ("Upkeep", stale.pk, Urgency.LOW),
                ("Urgent", association.pk, Urgency.HIGH),
            )
        ]
    )
    client.force_login(liaison)
    page = client.get("/en/moderation/").content.decode()
    titles = [f"Urgent: {association.name}", "Upkeep: Unohtunut ry"]
    assert page.index(titles[0]) < page.index(titles[1])
    # Its filter link follows the earlier apps' kinds of the same urgency.
    assert list(desk.desk_kinds()) == [
        "listing",
        "report",
        "event_report",
        "Urgent",
        "claim",
        "change",
        "booking_request",
        "stale",
        "event",
        "Upkeep",
    ]


def test_two_kinds_of_one_name_are_refused(clean_registry):
    existing = next(iter(registry.desk_kinds.values()))
    with pytest.raises(ValueError, match="Two desk kinds"):
        contribute(desk_kinds=[existing])


def test_the_shared_layer_imports_no_feature_app():
    """Only urls.py may name a feature app: everything else takes contributions."""
    import ast
    from pathlib import Path

    from django.conf import settings

    package = Path(settings.BASE_DIR) / "yhdistystori"
    feature_apps = ("associations", "events", "grants")
    offenders = []
    for path in package.rglob("*.py"):
        if path.name == "urls.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [
                f"{path.relative_to(package)}: {name}"
                for name in names
                if name.split(".")[0] in feature_apps
            ]
    assert offenders == []
