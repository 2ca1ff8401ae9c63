from django.urls import path

from associations import views

app_name = "associations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("<slug:slug>/", views.detail, name="detail"),
]
