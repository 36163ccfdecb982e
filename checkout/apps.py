from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckoutConfig(AppConfig):
    name = "checkout"
    verbose_name = _("Checkout")

    def ready(self):
        # Registers the Stripe deployment checks (`manage.py check --deploy`), as Django's docs advise.
        from .payments import checks  # noqa: F401
