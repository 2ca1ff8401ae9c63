"""The facilities' pages, at /facilities/: what the city offers associations (the
facilities' own pages) and the booking requests."""

from grants import urls_bookings, urls_facility_info

app_name = "facilities"

urlpatterns: list = [*urls_facility_info.urlpatterns, *urls_bookings.urlpatterns]
