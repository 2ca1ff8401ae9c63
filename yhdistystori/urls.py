from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from associations import api as associations_api
from yhdistystori import account_views, views

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
    # Ours first: the same login page, answering 429 when failed logins are throttled.
    path("accounts/login/", account_views.login, name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("my/", account_views.my_page, name="my_page"),
    path("my/language/", account_views.my_language, name="my_language"),
    path("my/account/delete/", account_views.account_delete, name="account_delete"),
    path("moderation/", include("associations.moderation_urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:

    def media(request, path):
        # MEDIA_ROOT is read per request, so tests that move it are served too.
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [path("media/<path:path>", media)]
