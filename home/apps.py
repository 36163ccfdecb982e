from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from home.groups import create_staff_groups

        # Every `migrate` (and `flush`) ends with the staff groups in place, in production too.
        post_migrate.connect(create_staff_groups, sender=self, dispatch_uid="home.create_staff_groups")
