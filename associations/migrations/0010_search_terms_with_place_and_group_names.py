"""The search reads the names of an association's districts and target groups too (in
every language), besides its categories': store the search terms again for every row."""

from django.db import connection, migrations

from associations import search

RELATIONS = ("categories", "districts", "target_groups")
BATCH = 2000


def _names(term) -> str:
    return " ".join(filter(None, [term.name_fi, term.name_sv, term.name_en]))


def store_terms(apps, schema_editor):
    Association = apps.get_model("associations", "Association")
    rows = (
        Association.objects.order_by("pk")
        .only("pk", "description")
        .prefetch_related(*RELATIONS)
    )
    table = connection.ops.quote_name(Association._meta.db_table)
    updates = []
    with connection.cursor() as cursor:
        for association in rows.iterator(chunk_size=BATCH):
            names = " ".join(
                _names(term) for relation in RELATIONS for term in getattr(association, relation).all()
            )
            terms = search.document_terms(names, association.description)
            updates.append((terms, association.pk))
            if len(updates) == BATCH:
                cursor.executemany(f"UPDATE {table} SET search_terms_other = %s WHERE id = %s", updates)
                updates = []
        if updates:
            cursor.executemany(f"UPDATE {table} SET search_terms_other = %s WHERE id = %s", updates)


class Migration(migrations.Migration):
    dependencies = [("associations", "0009_joining_in")]

    # Undone, the terms keep the extra names until the next save: harmless to the search.
    operations = [migrations.RunPython(store_terms, migrations.RunPython.noop)]
