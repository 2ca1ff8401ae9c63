from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants and facilities")

    def ready(self):
        from grants import sections
        from yhdistystori.contributions import contribute

        contribute(home=[sections.HOME], my_page=[sections.OFFICER_ROUNDS])
