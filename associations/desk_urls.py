"""The associations' pages on the desk, in the `moderation` namespace (yhdistystori/urls.py)."""

from django.urls import path

from associations import desk_views
from yhdistystori.desk_views import item_page

urlpatterns = [
    path(
        "associations/<int:pk>/",
        item_page,
        {"page": desk_views.ASSOCIATION_PAGE},
        name="association",
    ),
    path("claims/<int:pk>/", item_page, {"page": desk_views.CLAIM_PAGE}, name="claim"),
    path("reports/<int:pk>/", item_page, {"page": desk_views.REPORT_PAGE}, name="report"),
    path("changes/", desk_views.changes, name="changes"),
    path("changes/<int:pk>/", item_page, {"page": desk_views.CHANGE_PAGE}, name="change"),
    path("log/", desk_views.log, name="log"),
]
