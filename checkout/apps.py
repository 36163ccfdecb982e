from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class OrderTokenConverter:
    """`<order_token:token>` in the order and payment URLs: only what can be an order token.

    A token is made by `secrets.token_urlsafe` (`checkout.orders.models.new_token`): letters, digits, `-` and
    `_`, no longer than `Order.token`'s 64 characters (a test holds the two together). Anything else (a NUL byte,
    a dot, 3,000 characters) does not match, so the shopper gets a 404 before any query runs; PostgreSQL would
    answer a NUL in a query with an error, a 500.
    """

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class CheckoutConfig(AppConfig):
    name = "checkout"
    verbose_name = _("Checkout")

    def ready(self):
        # Connects the receivers that queue the tasks orders and refunds announce (`checkout.tasks`), and registers
        # the Stripe deployment checks (`manage.py check --deploy`), as Django's docs advise.
        from . import tasks  # noqa: F401
        from .payments.providers import checks  # noqa: F401

        # Before any URL configuration is loaded.
        register_converter(OrderTokenConverter, "order_token")
