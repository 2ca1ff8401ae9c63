"""The events' pages on the desk, in the `moderation` namespace (yhdistystori/urls.py)."""

from django.urls import path

from events import desk_views
from yhdistystori.desk_views import item_page

urlpatterns = [
    path("events/<int:pk>/", item_page, {"page": desk_views.SERIES_PAGE}, name="event"),
    path(
        "event-reports/<int:pk>/",
        item_page,
        {"page": desk_views.REPORT_PAGE},
        name="event_report",
    ),
]
