from django.urls import path

from associations import editing, exports, views

app_name = "associations"
# Fixed paths come before "<slug:slug>/"; their first parts are reserved slugs
# (associations.models.directory.RESERVED_SLUGS), so no profile hides them.
urlpatterns = [
    path("", views.directory, name="directory"),
    path("export.csv", exports.export_csv, name="export_csv"),
    path("export-excel.csv", exports.export_spreadsheet, name="export_spreadsheet"),
    path("new/", editing.create, name="create"),
    path("invitations/<str:token>/", editing.invitation, name="invitation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edit/", editing.edit, name="edit"),
    path("<slug:slug>/submit/", editing.submit, name="submit"),
    path("<slug:slug>/verify/", editing.verify, name="verify"),
    path("<slug:slug>/claim/", views.claim, name="claim"),
    path("<slug:slug>/report/", views.report, name="report"),
    path("<slug:slug>/editors/", editing.editors, name="editors"),
    path("<slug:slug>/editors/<int:pk>/remove/", editing.editor_remove, name="editor_remove"),
    path("<slug:slug>/editors/<int:pk>/owner/", editing.owner_transfer, name="owner_transfer"),
    path(
        "<slug:slug>/invitations/<int:pk>/cancel/",
        editing.invitation_cancel,
        name="invitation_cancel",
    ),
]
