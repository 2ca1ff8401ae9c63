from django.urls import path

from grants import review_views

app_name = "grants"

urlpatterns: list = [
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
]
