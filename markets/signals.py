"""Cached pages and converted prices follow markets, exchange rates and explicit prices (`markets.caching`), at
once (so that this transaction reads its own change) and again once the change commits (so that a copy cached
from the old data in between goes too):

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


def _now_and_after_commit(purge) -> None:
    purge()
    transaction.on_commit(purge)


def _market_changed(instance, **kwargs) -> None:
    code = instance.code

    def purge():
        caching.forget_markets()
        caching.purge_market_pages([code])  # its converted prices
        page_cache.purge_everything()

    _now_and_after_commit(purge)


def _rate_changed(instance, **kwargs) -> None:
    currency = instance.currency.upper()
    _now_and_after_commit(
        lambda: caching.purge_market_pages(
            market.code for market in caching.cached_markets() if market.currency == currency
        )
    )


def _price_changed(instance, **kwargs) -> None:
    codes = [market.code for market in caching.cached_markets() if market.pk == instance.market_id]
    _now_and_after_commit(lambda: caching.purge_market_pages(codes))


def connect() -> None:
    for sender, receiver in ((Market, _market_changed), (ExchangeRate, _rate_changed), (VariantPrice, _price_changed)):
        name = sender.__name__.lower()
        post_save.connect(receiver, sender=sender, dispatch_uid=f"markets.{name}_saved")
        post_delete.connect(receiver, sender=sender, dispatch_uid=f"markets.{name}_deleted")
