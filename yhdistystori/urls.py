from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from associations import api as associations_api
from associations import desk_urls as associations_desk_urls
from associations import hsds as associations_hsds
from associations import open_data as associations_open_data
from events import api as events_api
from events import desk_urls as events_desk_urls
from grants import api as grants_api
from grants import booking_desk_urls as grants_booking_desk_urls
from grants import facility_api
from yhdistystori import account_views, desk_views, views

admin.site.site_header = _("Yhdistystori administration")
admin.site.site_title = _("Yhdistystori administration")
admin.site.index_title = _("City staff")

# The staff's desk: the shared queue and settings, then each app's item pages.
desk_patterns = [
    path("", desk_views.queue, name="queue"),
    path("settings/", desk_views.email_settings, name="email_settings"),
    *associations_desk_urls.urlpatterns,
    *events_desk_urls.urlpatterns,
    *grants_booking_desk_urls.urlpatterns,
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("api/v1/associations", associations_api.association_list, name="api-associations"),
    path(
        "api/v1/associations/<int:pk>",
        associations_api.association_detail,
        name="api-association",
    ),
    path("api/v1/events", events_api.event_list, name="api-events"),
    path("api/v1/grants/awards", grants_api.award_list, name="api-grants-awards"),
    path("api/v1/facilities", facility_api.facility_list, name="api-facilities"),
    path(
        "api/v1/openapi.json",
        views.with_contributed_api_paths(associations_open_data.openapi_v1),
        name="api-openapi",
    ),
    # Open Referral HSDS 3.0: the same published associations as organizations.
    path("api/hsds/", associations_hsds.api_root, name="hsds-root"),
    path("api/hsds/openapi.json", associations_open_data.openapi_hsds, name="hsds-openapi"),
    path(
        "api/hsds/organizations",
        associations_hsds.organization_list,
        name="hsds-organizations",
    ),
    path(
        "api/hsds/organizations/<str:id>",
        associations_hsds.organization_detail,
        name="hsds-organization",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("associations/", include("associations.urls")),
    path("events/", include("events.urls")),
    path("grants/", include("grants.urls")),
    path("facilities/", include("grants.facility_urls")),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("open-data/", associations_open_data.open_data, name="open_data"),
    path("privacy/", views.privacy, name="privacy"),
    path("feedback/", views.feedback, name="feedback"),
    # Ours first: the same login page, answering 429 when failed logins are throttled.
    path("accounts/login/", account_views.login, name="account_login"),
    path("accounts/", include("allauth.urls")),
    path("my/", account_views.my_page, name="my_page"),
    path("my/language/", account_views.my_language, name="my_language"),
    path("my/account/delete/", account_views.account_delete, name="account_delete"),
    path("moderation/", include((desk_patterns, "moderation"))),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:

    def media(request, path):
        # MEDIA_ROOT is read per request, so tests that move it are served too.
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    urlpatterns += [path("media/<path:path>", media)]
