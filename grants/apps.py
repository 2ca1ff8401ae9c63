from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants and facilities")

    def ready(self):
        from grants import round_sections, sections, use_report_sections
        from yhdistystori.contributions import contribute

        contribute(
            home=[round_sections.HOME],
            my_page=[
                round_sections.OFFICER_ROUNDS,
                *sections.MY_PAGE,
                *use_report_sections.MY_PAGE,
            ],
        )
