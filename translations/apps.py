from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Interface translations")

    def ready(self):
        from celery.signals import task_prerun
        from django.db.models.signals import post_migrate, post_save
        from wagtail_localize.models import StringTranslation

        from storefront import interface_overrides
        from translations import services
        from translations.localize_editor import remember_segment

        interface_overrides.set_loader(services.load_overrides)
        task_prerun.connect(interface_overrides.refresh_before_task, dispatch_uid="translations.refresh_before_task")
        post_migrate.connect(services.clean_after_migrate, sender=self, dispatch_uid="translations.clean_shipped")
        post_save.connect(remember_segment, sender=StringTranslation, dispatch_uid="translations.remember_segment")
