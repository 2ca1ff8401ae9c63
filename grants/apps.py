from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants and facilities")

    def ready(self):
        from grants import sections, use_report_sections
        from yhdistystori.contributions import contribute

        contribute(my_page=[*sections.MY_PAGE, *use_report_sections.MY_PAGE])
