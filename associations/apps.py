from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssociationsConfig(AppConfig):
    name = "associations"
    verbose_name = _("Associations")

    def ready(self):
        from associations import desk, sections, signals, workflows
        from yhdistystori.contributions import contribute

        signals.connect()

        contribute(
            home=[sections.HOME],
            my_page=sections.MY_PAGE,
            desk_kinds=desk.DESK_KINDS,
            account_deletion=[workflows.memberships_release],
        )
