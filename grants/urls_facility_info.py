"""The facilities' own pages: the list with its search, each facility, and the managers'
pages for keeping them.

The facility's page (`<slug>/`) is last: the other one-segment addresses come before it,
and grants.facility_forms.RESERVED_SLUGS keeps facilities from being named like them.
"""

from django.urls import path

from grants import facility_manage_views, facility_views

urlpatterns: list = [
    path("", facility_views.facility_list, name="list"),
    path("manage/", facility_manage_views.manage, name="manage"),
    path("new/", facility_manage_views.facility_create, name="create"),
    path("<slug:slug>/edit/", facility_manage_views.facility_edit, name="edit"),
    path("<slug:slug>/photos/", facility_manage_views.facility_photos, name="photos"),
    path("<slug:slug>/", facility_views.facility_detail, name="detail"),
]
