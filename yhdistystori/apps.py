from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YhdistystoriConfig(AppConfig):
    name = "yhdistystori"
    verbose_name = _("Site and accounts")

    def ready(self):
        from django.contrib.auth import get_user_model, user_logged_in
        from django.db.models.signals import m2m_changed

        from yhdistystori import sessions
        from yhdistystori.roles import groups_changed

        m2m_changed.connect(groups_changed, sender=get_user_model().groups.through)
        user_logged_in.connect(sessions.on_login)
