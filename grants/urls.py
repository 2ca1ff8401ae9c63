from django.urls import path

from grants import round_views

app_name = "grants"

urlpatterns: list = [
    path("", round_views.round_list, name="list"),
    path("rounds/new/", round_views.round_create, name="round_create"),
    path("<slug:slug>/", round_views.round_detail, name="round"),
    path("<slug:slug>/edit/", round_views.round_edit, name="round_edit"),
    path("<slug:slug>/announce/", round_views.round_announce, name="round_announce"),
]
