from django.urls import path

from associations import moderation

app_name = "moderation"
urlpatterns = [
    path("", moderation.queue, name="queue"),
    path("associations/<int:pk>/", moderation.association, name="association"),
    path("claims/<int:pk>/", moderation.claim, name="claim"),
    path("reports/<int:pk>/", moderation.report, name="report"),
    path("changes/", moderation.changes, name="changes"),
    path("changes/<int:pk>/", moderation.change, name="change"),
    path("log/", moderation.log, name="log"),
    path("settings/", moderation.settings, name="settings"),
]
