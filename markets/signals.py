"""Cached pages follow markets, exchange rates and explicit prices (`markets.caching`), once the change commits:

- a market saved or deleted: the kept list of markets goes, and every cached page (the header's chooser lists
  all markets, and a market's currency or rounding changes all its prices);
- an exchange rate saved or deleted: the pages of the markets in that currency, in every language;
- an explicit price saved or deleted: the pages of its market, in every language.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from storefront import page_cache

from . import caching
from .models import ExchangeRate, Market, VariantPrice


def _market_changed(**kwargs) -> None:
    transaction.on_commit(_forget_markets_and_pages)


def _forget_markets_and_pages() -> None:
    caching.forget_markets()
    page_cache.purge_everything()


def _rate_changed(instance, **kwargs) -> None:
    currency = instance.currency.upper()
    transaction.on_commit(
        lambda: caching.purge_market_pages(
            market.code for market in caching.cached_markets() if market.currency == currency
        )
    )


def _price_changed(instance, **kwargs) -> None:
    market_id = instance.market_id
    transaction.on_commit(
        lambda: caching.purge_market_pages(Market.objects.filter(pk=market_id).values_list("code", flat=True))
    )


def connect() -> None:
    for sender, receiver in ((Market, _market_changed), (ExchangeRate, _rate_changed), (VariantPrice, _price_changed)):
        name = sender.__name__.lower()
        post_save.connect(receiver, sender=sender, dispatch_uid=f"markets.{name}_saved")
        post_delete.connect(receiver, sender=sender, dispatch_uid=f"markets.{name}_deleted")
