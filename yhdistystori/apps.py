from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YhdistystoriConfig(AppConfig):
    name = "yhdistystori"
    verbose_name = _("Site and accounts")
