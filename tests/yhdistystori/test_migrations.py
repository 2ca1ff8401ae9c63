"""Migrations: none missing, and every one of ours can be undone and done again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from associations.models import Association
from tests.factories import AssociationFactory


def unapplied_migrations() -> list:
    executor = MigrationExecutor(connection)
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"A model changed without a migration:\n{out.getvalue()}")


@pytest.mark.django_db(transaction=True)
def test_migrations_can_be_reversed_and_applied_again():
    tables = connection.introspection.table_names
    try:
        # Unapplying yhdistystori (the user model) unapplies everything that depends on
        # it too: associations, the admin log and whatever the other apps add later.
        call_command("migrate", "associations", "zero", verbosity=0)
        assert "associations_association" not in tables()
        call_command("migrate", "yhdistystori", "zero", verbosity=0)
        assert "yhdistystori_user" not in tables()
        call_command("migrate", verbosity=0)
    finally:
        # Whatever happened above, leave the database fully migrated for the next test.
        call_command("migrate", verbosity=0)
    assert unapplied_migrations() == []
    # The re-created search column, trigram extension and indexes work.
    AssociationFactory(name="Jyväskylän Mieskuoro ry")
    assert list(Association.objects.search("kuoron").values_list("name", flat=True)) == [
        "Jyväskylän Mieskuoro ry"
    ]
