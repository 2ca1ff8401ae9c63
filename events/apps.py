from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and meetings")

    def ready(self):
        import json
        from pathlib import Path

        from events import desk, sections
        from yhdistystori.contributions import contribute

        api_description = Path(__file__).parent / "api_description.json"
        contribute(
            home=[sections.HOME],
            my_page=[sections.MEETINGS_TO_CLOSE, *sections.MY_PAGE],
            desk_kinds=desk.DESK_KINDS,
            association_profile=[sections.ASSOCIATION_PROFILE],
            api_paths=[json.loads(api_description.read_text(encoding="utf-8"))],
        )
