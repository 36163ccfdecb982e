"""Which market a request is in, decided once per request (`market_for`), in this order:

0. a `market` query parameter naming a market (`?market=eurozone`: the address of a page in one market, as the
   JSON-LD offers give it to search engines); an unknown code counts as the default market;
1. the shopper's explicit choice, the `market` cookie set by `markets:choose` (an unknown or malformed code counts
   as no market of ours: the default market, never an error);
2. where the shopper is, from their IP address, only when `settings.MARKET_GEOLOCATION` names a function
   `(request) → ISO country code or None` (off by default: the shop does no geolocation of its own);
3. the browser's `Accept-Language`, best first: a language with a region ("es-ES", "ru-RU", "en-US") puts the
   shopper in the market of that country; a bare language ("ru") in the one market whose default language it is,
   and only when exactly one market has it; a language tells nothing about a country otherwise;
4. the default market.

Language and market are different things: "es-US" (a Spanish reader in the United States) is in the United
States' market and still reads Spanish pages.

The markets come from the cache (`markets.caching`), so that the page cache can key a cached page on its market
without a query (`page_key_part`, registered with `storefront.page_cache.vary_on`). `MarketMiddleware` puts the
result on `request.market` and the `markets.context_processors.market` context processor in templates; both
call `market_for`, which any view may call too, as often as it likes.
"""

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation.trans_real import parse_accept_lang_header

from . import caching
from .models import Market

MARKET_COOKIE = "market"
MARKET_PARAMETER = "market"
# A market's code is a slug of at most 20 characters; anything longer is not looked up at all.
MAX_CODE_LENGTH = 20


def source_markets() -> list[Market]:
    """Every market of the default locale, the default one first (kept in the cache: `markets.caching`)."""
    return caching.cached_markets()


def default_market(markets: list[Market]) -> Market | None:
    """The market flagged default, else the first; None in a shop without markets."""
    return next((market for market in markets if market.is_default), markets[0] if markets else None)


def market_by_code(code, markets: list[Market]) -> Market | None:
    if not isinstance(code, str) or not code or len(code) > MAX_CODE_LENGTH:
        return None
    return next((market for market in markets if market.code == code), None)


def market_for_country(country, markets: list[Market]) -> Market | None:
    """The market that holds `country` (ISO 3166 code, any case), or None."""
    if not isinstance(country, str) or len(country) != 2:
        return None
    country = country.upper()
    return next((market for market in markets if country in market.countries), None)


def region_of(language_range: str) -> str | None:
    """The two-letter region of a language tag ("es-es" → "ES", "zh-hant-tw" → "TW"), or None ("es", "es-419")."""
    for subtag in language_range.split("-")[1:]:
        if len(subtag) == 2 and subtag.isascii() and subtag.isalpha():
            return subtag.upper()
    return None


def market_from_accept_language(header: str, markets: list[Market]) -> Market | None:
    """The market the `Accept-Language` header points at (rule 3 of the module), or None."""
    for language_range, _quality in parse_accept_lang_header(header or ""):
        region = region_of(language_range)
        if region is not None:
            market = market_for_country(region, markets)
            if market is not None:
                return market
            continue
        language = language_range.split("-")[0]  # "es-419" (Latin America) speaks Spanish, in no one country
        speaking = [market for market in markets if market.default_language == language]
        if len(speaking) == 1:
            return speaking[0]
    return None


def market_from_geolocation(request, markets: list[Market]) -> Market | None:
    """Rule 2, only when `settings.MARKET_GEOLOCATION` names a function; off by default."""
    locate = getattr(settings, "MARKET_GEOLOCATION", "")
    if not locate:
        return None
    return market_for_country(import_string(locate)(request), markets)


def resolve(request, markets: list):
    """The market of this request among `markets` (Markets, or `caching.MarketRef`s: the module's rules, in
    order), or None when there is none."""
    named = request.GET.get(MARKET_PARAMETER) if request.method in ("GET", "HEAD") else None
    if named is not None:
        return market_by_code(named, markets) or default_market(markets)
    chosen = request.COOKIES.get(MARKET_COOKIE)
    if chosen is not None:
        return market_by_code(chosen, markets) or default_market(markets)
    return (
        market_from_geolocation(request, markets)
        or market_from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", ""), markets)
        or default_market(markets)
    )


def market_for(request) -> Market | None:
    """The market of this request (see the module), looked up once and kept on the request. None only in a shop
    that has no market at all."""
    if not hasattr(request, "_market"):
        request._market = resolve(request, source_markets())
    return request._market


def page_key_part(request, found: dict) -> str:
    """The market's part of a cached page's key: its code and version (`markets.caching`), from what the page
    cache read in its one round trip (`found`); decided on the markets' light copies (`MarketRef`) by the same
    rules as `market_for`."""
    market = request._market if hasattr(request, "_market") else resolve(request, caching.cached_refs(found))
    code = market.code if market is not None else ""
    return f"market={code}.{caching.market_version(code, found)}"
