"""The booking requests' page on the desk, in the `moderation` namespace (yhdistystori/urls.py)."""

from django.urls import path

from grants import booking_desk

urlpatterns = [
    path("facility-bookings/<int:pk>/", booking_desk.decide, name="booking_request"),
]
