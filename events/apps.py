from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events and meetings")

    def ready(self):
        from events import desk, sections
        from yhdistystori.contributions import contribute

        contribute(my_page=sections.MY_PAGE, desk_kinds=desk.DESK_KINDS)
