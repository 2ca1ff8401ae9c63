from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from associations import api as associations_api
from yhdistystori import views

admin.site.site_header = _("Yhdistystori administration")
admin.site.site_title = _("Yhdistystori administration")
admin.site.index_title = _("City staff")

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("api/v1/associations", associations_api.association_list, name="api-associations"),
    path(
        "api/v1/associations/<int:pk>",
        associations_api.association_detail,
        name="api-association",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("associations/", include("associations.urls")),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("feedback/", views.feedback, name="feedback"),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
