"""An index for the city's support in kind (grants/support.py): the accepted times by
date, holding the request and the time too, so that a year's use is summed from the
index alone and the years with use are found with a few steps down it.

Written as SQL, not as a Meta index of Booking, so that the facilities' model files stay
as they are; the index is read only by the support figures' own SQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0002_facilities_and_bookings"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX grants_booking_accepted_on_date ON grants_booking "
                "(on_date) INCLUDE (request_id, during) WHERE status = 'accepted'"
            ),
            reverse_sql="DROP INDEX grants_booking_accepted_on_date",
        ),
    ]
