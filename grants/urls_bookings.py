"""Booking requests: making one, the managers' answers, cancelling, and the calendars."""

urlpatterns: list = []
