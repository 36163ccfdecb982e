from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckoutConfig(AppConfig):
    name = "checkout"
    verbose_name = _("Checkout")

    def ready(self):
        # Celery's autodiscovery only imports `checkout.tasks`; the invoice task lives in its own module.
        from . import checks, invoice_tasks  # noqa: F401
