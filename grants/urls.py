from django.urls import path

from grants import transparency_views

app_name = "grants"

urlpatterns: list = [
    path("decisions/", transparency_views.decisions, name="decisions"),
    path("decisions.csv", transparency_views.decisions_csv, name="decisions_csv"),
    path("decisions.json", transparency_views.decisions_json, name="decisions_json"),
]
