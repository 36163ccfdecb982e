from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CheckoutConfig(AppConfig):
    name = "checkout"
    verbose_name = _("Checkout")

    def ready(self):
        from .orders.tokens import OrderTokenConverter
        from .payments import checks  # noqa: F401  (registers the Stripe deployment checks, as Django advises)

        # Order and payment URLs accept only what can be an order token (`checkout/orders/tokens.py`).
        register_converter(OrderTokenConverter, "order_token")
