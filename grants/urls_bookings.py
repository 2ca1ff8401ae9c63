"""Booking requests: making one, the managers' answers, cancelling, and the calendars."""

from django.urls import path

from grants import booking_calendar, booking_views

urlpatterns: list = [
    path("bookings/<int:pk>/", booking_views.booking_detail, name="booking"),
    path("bookings/<int:pk>/withdraw/", booking_views.booking_withdraw, name="booking_withdraw"),
    path("bookings/<int:pk>/cancel/", booking_views.booking_cancel, name="booking_cancel"),
    path(
        "bookings/calendar/<str:token>.ics",
        booking_calendar.association_ics,
        name="association_ics",
    ),
    path("<slug:slug>/request/", booking_views.request_booking, name="request"),
    path("<slug:slug>/busy.ics", booking_calendar.busy_ics, name="busy_ics"),
]
