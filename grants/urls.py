from django.urls import path

from grants import (
    application_views,
    review_views,
    round_views,
    support_views,
    transparency_views,
    use_report_views,
)

app_name = "grants"

urlpatterns: list = [
    path("", round_views.round_list, name="list"),
    path("decisions/", transparency_views.decisions, name="decisions"),
    path("decisions.csv", transparency_views.decisions_csv, name="decisions_csv"),
    path("decisions.json", transparency_views.decisions_json, name="decisions_json"),
    path("support/", support_views.support, name="support"),
    path("support.csv", support_views.support_csv, name="support_csv"),
    path("rounds/new/", round_views.round_create, name="round_create"),
    path(
        "applications/<int:pk>/",
        application_views.application_detail,
        name="application",
    ),
    path(
        "applications/<int:pk>/edit/",
        application_views.application_edit,
        name="application_edit",
    ),
    path(
        "applications/<int:pk>/submit/",
        application_views.application_submit,
        name="application_submit",
    ),
    path(
        "applications/<int:pk>/withdraw/",
        application_views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<int:pk>/attachments/<int:attachment_pk>/",
        application_views.attachment,
        name="attachment",
    ),
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
    # The officers' review and decisions.
    path(
        "applications/<int:pk>/review/",
        review_views.review_application,
        name="review_application",
    ),
    path("decisions/<int:pk>/correct/", review_views.correct, name="correct"),
    path("<slug:slug>/review/", review_views.review, name="review"),
    path("<slug:slug>/decide/", review_views.decide, name="decide"),
    path("<slug:slug>/publish/", review_views.publish, name="publish"),
    path("<slug:slug>/apply/", application_views.apply, name="apply"),
    path("<slug:slug>/", round_views.round_detail, name="round"),
    path("<slug:slug>/edit/", round_views.round_edit, name="round_edit"),
    path("<slug:slug>/announce/", round_views.round_announce, name="round_announce"),
]
