from django.urls import path

from grants import use_report_views

app_name = "grants"

urlpatterns: list = [
    path(
        "applications/<int:pk>/use-report/",
        use_report_views.use_report,
        name="use_report",
    ),
    path(
        "use-reports/<int:pk>/",
        use_report_views.use_report_review,
        name="use_report_review",
    ),
    path(
        "use-reports/<int:pk>/attachments/<int:attachment_pk>/",
        use_report_views.use_report_attachment,
        name="use_report_attachment",
    ),
]
