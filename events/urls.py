from django.urls import path

from events import calendar_views, manage_views, meeting_views, registration_views, views

app_name = "events"

urlpatterns = [
    path("calendar.ics", calendar_views.all_events, name="calendar"),
    path(
        "association/<slug:slug>/calendar.ics",
        calendar_views.association_calendar,
        name="association_calendar",
    ),
    path("registration/<str:token>/", registration_views.registration, name="registration"),
    path("new/", manage_views.create, name="create"),
    path(
        "registration/<str:token>/topic/",
        meeting_views.registrant_topic,
        name="registrant_topic",
    ),
    path("follow-ups/<int:pk>/", meeting_views.follow_up, name="follow_up"),
    path("", views.event_list, name="list"),
    path("month/", views.month, name="month"),
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
    path("<slug:slug>/<int:pk>/topics/new/", meeting_views.propose_topic, name="propose_topic"),
    path("<slug:slug>/<int:pk>/agenda/", meeting_views.agenda, name="agenda"),
    path("<slug:slug>/<int:pk>/close/", meeting_views.close, name="close"),
    path("<slug:slug>/calendar.ics", calendar_views.series_calendar, name="series_calendar"),
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
