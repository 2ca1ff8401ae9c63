from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Grants and facilities")

    def ready(self):
        import json
        from pathlib import Path

        from grants import (
            booking_sections,
            facility_sections,
            round_sections,
            sections,
            support_sections,
            transparency_sections,
            use_report_sections,
        )
        from yhdistystori.contributions import contribute

        api_description = Path(__file__).parent / "api_description.json"
        contribute(
            home=[round_sections.HOME],
            my_page=[
                round_sections.OFFICER_ROUNDS,
                *sections.MY_PAGE,
                *use_report_sections.MY_PAGE,
            ],
            association_profile=[transparency_sections.ASSOCIATION_PROFILE],
            api_paths=[json.loads(api_description.read_text(encoding="utf-8"))],
        )
        # The facilities: support in kind.
        for part in (facility_sections, booking_sections, support_sections):
            contribute(**part.CONTRIBUTIONS)
