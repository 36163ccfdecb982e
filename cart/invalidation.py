"""What the cart's cached header numbers depend on besides products: markets, their exchange rates and their
explicit prices. A change of any of them moves the "products" fragment version, which every cached cart summary
is keyed by (`cart.cart.Cart.summary`), so a shopper never reads a subtotal at an old rate."""

from django.db.models.signals import post_delete, post_save

from markets.models import ExchangeRate, Market, VariantPrice
from storefront import page_cache


def prices_changed(sender, **kwargs) -> None:
    page_cache.bump_fragment_version("products")


def connect() -> None:
    for model in (Market, ExchangeRate, VariantPrice):
        name = model._meta.label_lower
        post_save.connect(prices_changed, sender=model, dispatch_uid=f"cart.{name}.saved")
        post_delete.connect(prices_changed, sender=model, dispatch_uid=f"cart.{name}.deleted")
