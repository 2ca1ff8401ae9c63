from django.urls import path

from events import manage_views, views

app_name = "events"

urlpatterns = [
    path("new/", manage_views.create, name="create"),
    path("<slug:slug>/", views.series_detail, name="series"),
    path("<slug:slug>/edit/", manage_views.edit, name="edit"),
    path("<slug:slug>/duplicate/", manage_views.duplicate, name="duplicate"),
    path("<slug:slug>/report/", manage_views.report, name="report"),
    path("<slug:slug>/<int:pk>/", views.occurrence_detail, name="occurrence"),
    path(
        "<slug:slug>/<int:pk>/cancel/",
        manage_views.cancel_occurrence,
        name="cancel_occurrence",
    ),
    path("<slug:slug>/<int:pk>/move/", manage_views.move_occurrence, name="move_occurrence"),
]
