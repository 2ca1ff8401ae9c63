from django.urls import path

from events import calendar_views, registration_views, views

app_name = "events"

urlpatterns = [
    path("calendar.ics", calendar_views.all_events, name="calendar"),
    path(
        "association/<slug:slug>/calendar.ics",
        calendar_views.association_calendar,
        name="association_calendar",
    ),
    path("registration/<str:token>/", registration_views.registration, name="registration"),
    path("<slug:slug>/", views.series_detail, name="series"),
    path("<slug:slug>/calendar.ics", calendar_views.series_calendar, name="series_calendar"),
    path("<slug:slug>/<int:pk>/", views.occurrence_detail, name="occurrence"),
    path("<slug:slug>/<int:pk>/register/", registration_views.register, name="register"),
    path(
        "<slug:slug>/<int:pk>/registrations/",
        registration_views.registrations,
        name="registrations",
    ),
    path(
        "<slug:slug>/<int:pk>/registrations.csv",
        registration_views.registrations_csv,
        name="registrations_csv",
    ),
    path(
        "<slug:slug>/<int:pk>/registrations/email/",
        registration_views.registrations_email,
        name="registrations_email",
    ),
]
