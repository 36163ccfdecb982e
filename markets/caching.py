"""What the page cache keeps of markets, and how a market's cached pages are dropped.

- `cached_markets()`: the markets of the default locale, kept in Django's cache (`MARKETS_KEY`) until a market is
  saved or deleted, so that a cached page's hit learns the shopper's market without a query.
- `market_versions()` / `purge_market_pages(codes)`: every market has a version token (`VERSIONS_KEY`, one dict
  for all) that is part of the key of its cached pages, shoppers' copies, fragments and converted prices
  (`markets.resolution.page_key_part`); a new token drops all of them, in every language, at once. An exchange
  rate or an explicit price that changes purges the markets it touches (`markets.signals`); a market that
  changes purges every page (the header's chooser lists them all).
"""

import uuid
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from .models import Market

MARKETS_KEY = "markets:sources"
REFS_KEY = "markets:refs"
VERSIONS_KEY = "markets:page-versions"


class MarketRef(NamedTuple):
    """What deciding a request's market needs of a market (`markets.resolution.resolve`), light to unpickle: the page
    cache reads it on every hit."""

    code: str
    countries: tuple
    default_language: str
    is_default: bool


def load_markets() -> list[Market]:
    """Every market of the default locale, the default one first, from the database."""
    return list(Market.objects.sources().select_related("locale").order_by("-is_default", "name", "pk"))


def cached_markets(found: dict | None = None) -> list[Market]:
    """`load_markets()` as kept in the cache (`found`: what a caller already read of it), stored when missing."""
    markets = (found or {}).get(MARKETS_KEY)
    if markets is None:
        markets = cache.get(MARKETS_KEY)
    if markets is None:
        markets = load_markets()
        cache.set(MARKETS_KEY, markets, timeout=None)
    return markets


def cached_refs(found: dict | None = None) -> list[MarketRef]:
    """`cached_markets()` as `MarketRef`s, kept in the cache beside them."""
    refs = (found or {}).get(REFS_KEY)
    if refs is None:
        refs = cache.get(REFS_KEY)
    if refs is None:
        refs = [
            MarketRef(market.code, tuple(market.countries), market.default_language, market.is_default)
            for market in cached_markets()
        ]
        cache.set(REFS_KEY, refs, timeout=None)
    return refs


def forget_markets() -> None:
    cache.delete_many([MARKETS_KEY, REFS_KEY, *(_names_key(code) for code, _name in settings.LANGUAGES)])


def _names_key(language: str) -> str:
    return f"{MARKETS_KEY}:names:{language}"


def market_names(language: str | None = None) -> dict:
    """{market code: its name in `language` (the active one by default), else in the default language}, kept with
    the markets. Read only."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    names = cache.get(_names_key(language))
    if names is None:
        markets = cached_markets()
        translated = dict(
            Market.objects.filter(
                translation_key__in=[market.translation_key for market in markets], locale__language_code=language
            ).values_list("translation_key", "name")
        )
        names = {market.code: translated.get(market.translation_key, market.name) for market in markets}
        cache.set(_names_key(language), names, timeout=None)
    return names


def market_versions(found: dict | None = None) -> dict:
    """{market code: version token}; a market without a token is at version "0". Read only (a cache's dict)."""
    versions = (found or {}).get(VERSIONS_KEY)
    if versions is None:
        versions = cache.get(VERSIONS_KEY)
    return versions or {}


def market_version(code: str, found: dict | None = None) -> str:
    return str(market_versions(found).get(code, 0))


def purge_market_pages(codes) -> None:
    """Drop every cached page, copy, fragment and converted price of the markets with these `codes`. The dict is
    read, then written: two purges at the very same instant may lose one's token. Rates and explicit prices change
    rarely (the daily task, a shop manager), and `purge_everything` is there for the odd doubt."""
    codes = set(codes)
    if not codes:
        return
    versions = dict(market_versions())  # a copy: never write into what a cache call returned
    token = uuid.uuid4().hex[:12]
    versions.update(dict.fromkeys(codes, token))
    cache.set(VERSIONS_KEY, versions, timeout=None)
