from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("month/", views.month, name="month"),
    path("<slug:slug>/", views.series_detail, name="series"),
    path("<slug:slug>/<int:pk>/", views.occurrence_detail, name="occurrence"),
]
