"""The session cart: `{"<variant pk>": {"quantity": 2, "price": "22.99", "currency": "EUR"}}` under one session key
(no "currency" for a price seen in the base currency).

Keyed by `ProductVariant` (what a shopper picks: "T-shirt — Red / M"), part of the commercial record every
locale shares, so the cart survives a language switch; kept in the session, so it survives a login (Django
carries the anonymous session's data into the user's). A cart from before variants existed is keyed by product
pk, which is its default variant's pk (products migration 0007), so it reads the same.

The interface another store of lines (a customer's saved cart) uses: `add(variant, quantity)`,
`set_quantity(variant, quantity)`, `remove(variant_pk)`, `quantity_of(variant)`, `quantities()` ({variant pk:
quantity}) and iterating `CartLine`s.

Reading never writes: a visitor who has not added anything gets no session row and no cookie. The price
stored is the one the shopper saw when adding; the cart always shows and charges the current price, and says
so when they differ. Data in the session that does not have this shape reads as an empty cart.

Prices are the shopper's market's (`markets.resolution.market_for`, `markets.pricing.price_in`), in its currency:
the cart holds variants and quantities, never a currency, so changing market re-prices it. A variant without a
price in the market (no explicit price, no rate) is unavailable there, never priced at 0.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.functional import cached_property

from markets.models import Market, base_currency
from markets.pricing import MarketPrice, price_in
from markets.resolution import market_for
from products import inventory
from products.inventory import max_line_quantity
from products.models import ProductPage, ProductVariant, variant_labels, variant_title
from storefront import page_cache
from storefront.money import quantize, subtotal_of

logger = logging.getLogger(__name__)

SESSION_KEY = "cart"
# How long the header's numbers of one cart's contents are kept. Any change to a product (price, stock, for
# sale, variants) or a page (published, unpublished) changes their key at once; this only bounds what is kept.
SUMMARY_TTL = 60 * 60


def _item(quantity: int, price: Decimal, currency: str) -> dict:
    """A line as the session keeps it; the currency only when it is not the base currency (the shape carts had
    before markets, so that those read the same)."""
    item = {"quantity": quantity, "price": str(price)}
    if currency != base_currency():
        item["currency"] = currency
    return item


def _parse(raw) -> dict[str, dict]:
    """The session data checked item by item; `ValueError` if any part does not have the cart's shape."""
    if not isinstance(raw, dict):
        raise ValueError(f"cart is a {type(raw).__name__}")
    items = {}
    for key, item in raw.items():
        if not (isinstance(key, str) and key.isascii() and key.isdigit() and int(key) > 0):
            raise ValueError(f"bad variant key {key!r}")
        if not isinstance(item, dict):
            raise ValueError(f"item {key} is a {type(item).__name__}")
        quantity, price = item.get("quantity"), item.get("price")
        if type(quantity) is not int or quantity < 1:
            raise ValueError(f"bad quantity {quantity!r}")
        try:
            price = Decimal(price) if isinstance(price, str) else None
        except InvalidOperation:
            price = None
        if price is None or not price.is_finite() or price < 0:
            raise ValueError(f"bad price {item.get('price')!r}")
        currency = item.get("currency")
        # A line without a currency was seen in the base currency (and every cart from before markets).
        currency = currency.upper() if isinstance(currency, str) and len(currency) == 3 else base_currency()
        # A lowered limit is configuration, not corruption: clamp rather than drop the cart.
        items[str(int(key))] = _item(min(quantity, max_line_quantity()), price, currency)
    return items


class CartSummary(NamedTuple):
    """What the header shows of a cart: units in it and what its available lines cost, in `currency` (shown in
    whole units when `whole_units`)."""

    count: int
    subtotal: Decimal
    currency: str = ""
    whole_units: bool = False


@dataclass
class CartLine:
    """One variant in the cart, resolved against the database: current price in the cart's market (None: no price
    there), stock, page and label in this language."""

    variant: ProductVariant
    quantity: int
    added_price: Decimal
    page: ProductPage | None
    purchasable: bool
    label: str = ""
    market_price: MarketPrice | None = None
    added_currency: str = ""

    @property
    def product(self):
        return self.variant.product

    @property
    def title(self) -> str:
        """ "T-shirt — Red / M": the page title in this language (else the internal name) and the variant."""
        return variant_title(self.page.title if self.page else self.product.name, self.label)

    @property
    def price(self) -> Decimal | None:
        """The price charged: always the one in force now in the cart's market (a sale price in a sale), or None
        when the variant has no price there."""
        return self.market_price.current if self.market_price is not None else None

    @property
    def priced(self) -> bool:
        """Whether the variant has a price in the cart's market (else it cannot be bought there)."""
        return self.market_price is not None

    @property
    def price_changed(self) -> bool:
        """The price moved since the shopper added the line, in the same currency (a change of market re-prices
        the whole cart and is told once, not line by line)."""
        return self.priced and self.added_currency == self.market_price.currency and self.added_price != self.price

    @property
    def stock(self) -> int:
        return self.variant.stock

    @property
    def available(self) -> bool:
        return self.priced and self.purchasable and inventory.has_stock(self.variant)

    @property
    def exceeds_stock(self) -> bool:
        return self.available and not inventory.covers(self.variant, self.quantity)

    @property
    def max_quantity(self) -> int:
        """The quantity field's maximum (at least 1, so that the field stays valid)."""
        return max(1, inventory.most_per_line(self.variant))

    @property
    def total(self) -> Decimal | None:
        if not self.priced:
            return None
        return quantize(self.price * self.quantity, self.market_price.currency)


class Cart:
    """The cart of `request.session`; reads lazily, writes only when a shopper changes it."""

    def __init__(self, request):
        self.request = request
        self.session = getattr(request, "session", None)

    @cached_property
    def market(self) -> Market | None:
        """The market the cart is priced in: the request's (None only in a shop without markets)."""
        return market_for(self.request)

    @property
    def currency(self) -> str:
        """The currency of every amount of the cart."""
        return self.market.currency if self.market is not None else base_currency()

    @property
    def whole_units(self) -> bool:
        return self.market is not None and self.market.whole_units

    @property
    def money_style(self) -> tuple[str, bool]:
        """(currency, whole units) of the cart's amounts; from the header's cached numbers while this request has
        not looked its market up (a cached page's header then runs no query)."""
        if "market" in self.__dict__ or "lines" in self.__dict__:
            return self.currency, self.whole_units
        return self.summary.currency, self.summary.whole_units

    def price_of(self, variant) -> MarketPrice | None:
        """`variant`'s price in the cart's market, or None when it has none there."""
        if self.market is None:
            return MarketPrice(variant.regular_price, variant.unit_price if variant.on_sale else None, base_currency())
        return price_in(self.market, variant)

    # --- Reading ------------------------------------------------------------------------------------
    @cached_property
    def _items(self) -> dict[str, dict]:
        raw = self.session.get(SESSION_KEY) if self.session is not None else None
        if raw is None:
            return {}
        try:
            return _parse(raw)
        except (ValueError, TypeError) as error:
            logger.warning("Ignoring a corrupted cart in a session: %s", error)
            return {}

    @cached_property
    def lines(self) -> list[CartLine]:
        """The lines whose variant still exists, in the order they were added: five queries, run once."""
        if not self._items:
            return []
        pks = [int(key) for key in self._items]
        variants = ProductVariant.objects.select_related("product").in_bulk(pks)
        buyable = set(inventory.purchasable(ProductVariant.objects.filter(pk__in=pks)).values_list("pk", flat=True))
        language = translation.get_language()
        pages = _pages_for({variant.product_id for variant in variants.values()}, language)
        labels = variant_labels(variants.values(), language)
        return [
            CartLine(
                variant=variants[pk],
                quantity=self._items[str(pk)]["quantity"],
                added_price=Decimal(self._items[str(pk)]["price"]),
                page=pages.get(variants[pk].product_id),
                purchasable=pk in buyable,
                label=labels.get(pk, ""),
                market_price=self.price_of(variants[pk]),
                added_currency=self._items[str(pk)].get("currency", base_currency()),
            )
            for pk in pks
            if pk in variants
        ]

    @cached_property
    def summary(self) -> CartSummary:
        """The header's numbers (`len(cart)`, `cart.subtotal`), without a query on most pages.

        Every page's header shows them, while only the cart and checkout need the lines. They are kept in the
        cache under the cart's contents (variants and quantities) and the versions of the product and page
        fragments (`storefront.page_cache.fragment_versions`), which every price, stock, "for sale", variant and
        page change moves on: a shopper never sees a stale count or subtotal, and a header costs one cache read.
        """
        if "lines" in self.__dict__ or not self._items:
            return self._summarise()
        contents = json.dumps({key: item["quantity"] for key, item in self._items.items()}, sort_keys=True)
        versions = page_cache.fragment_versions("content", "products", request=self.request)
        key = f"cart-summary:{versions}:{self._market_key()}:{hashlib.sha256(contents.encode()).hexdigest()[:32]}"
        cached = cache.get(key)
        if cached is not None and len(cached) == len(CartSummary._fields):
            return CartSummary(cached[0], Decimal(cached[1]), cached[2], cached[3])
        summary = self._summarise()
        cache.set(key, (summary.count, str(summary.subtotal), summary.currency, summary.whole_units), SUMMARY_TTL)
        return summary

    def _market_key(self) -> str:
        """The cart's market, for the header's cache key. `market_for` reads the markets from the cache, so this
        costs no query, and it is the same market whatever the page resolved before the header. A change of
        markets, rates or prices in markets moves the "products" fragment version (`cart.apps`), so the key never
        outlives them."""
        return self.market.code if self.market is not None else "-"

    def _summarise(self) -> CartSummary:
        lines = self.lines
        if not lines:
            return CartSummary(0, Decimal("0.00"), base_currency())  # no market to look up for an empty cart
        return CartSummary(
            count=sum(line.quantity for line in lines),
            subtotal=subtotal_of(((line.price, line.quantity) for line in lines if line.available), self.currency),
            currency=self.currency,
            whole_units=self.whole_units,
        )

    def __iter__(self):
        return iter(self.lines)

    def __len__(self):
        """The number of units, as the header shows it."""
        return self.summary.count

    def __bool__(self):
        return bool(self.lines)

    @property
    def subtotal(self) -> Decimal:
        """What the available lines cost at today's prices in the cart's currency (`storefront.money.subtotal_of`,
        as orders do)."""
        return self.summary.subtotal

    @property
    def has_price_changes(self) -> bool:
        return any(line.price_changed for line in self.lines)

    @property
    def has_unpriced_lines(self) -> bool:
        """Some variant has no price in this market: it cannot be checked out here."""
        return any(not line.priced for line in self.lines)

    @property
    def currency_changed(self) -> bool:
        """Some line was added in another currency than the cart's now: the market changed since."""
        return any(line.added_currency != self.currency for line in self.lines)

    def quantity_of(self, variant) -> int:
        item = self._items.get(str(variant.pk))
        return item["quantity"] if item else 0

    def contains(self, variant_pk: int) -> bool:
        return str(variant_pk) in self._items

    def quantities(self) -> dict[int, int]:
        """{variant pk: quantity} for the lines shown, which is what an order is placed for."""
        return {line.variant.pk: line.quantity for line in self.lines}

    def product_ids(self) -> list[int]:
        """The products in the cart, each once however many of its variants it holds ("bought together")."""
        return list(dict.fromkeys(line.product.pk for line in self.lines))

    def fingerprint(self) -> str:
        """Changes whenever the variants, quantities or current prices change: what the shopper confirms."""
        lines = sorted(self.lines, key=lambda line: line.variant.pk)
        state = self.currency + ";" + ";".join(f"{line.variant.pk}:{line.quantity}:{line.price}" for line in lines)
        return hashlib.sha256(state.encode()).hexdigest()[:32]

    # --- Writing ------------------------------------------------------------------------------------
    def add(self, variant, quantity: int) -> None:
        """Add units of `variant` (validated by the caller), remembering the price the shopper sees now."""
        self._put(variant, self.quantity_of(variant) + quantity)

    def set_quantity(self, variant, quantity: int) -> None:
        self._put(variant, quantity)

    def remove(self, variant_pk: int) -> None:
        items = dict(self._items)
        if items.pop(str(variant_pk), None) is not None:
            self._save(items)

    def clear(self) -> None:
        """Empty the cart (after its order is paid)."""
        if self.session is not None and SESSION_KEY in self.session:
            del self.session[SESSION_KEY]
        self._forget()

    def _put(self, variant, quantity: int) -> None:
        if not 1 <= quantity <= max_line_quantity():
            raise ValueError(f"quantity {quantity} out of range")
        items = dict(self._items)
        price = self.price_of(variant)
        seen = price.current if price is not None else variant.unit_price
        currency = price.currency if price is not None else base_currency()
        items[str(variant.pk)] = _item(quantity, seen, currency)
        self._save(items)

    def _save(self, items: dict) -> None:
        self.session[SESSION_KEY] = items
        self._forget()
        self._items = items

    def _forget(self) -> None:
        for name in ("_items", "lines", "summary"):
            self.__dict__.pop(name, None)


def _pages_for(product_pks, language: str) -> dict:
    """{product pk: live page}, in `language` where it has one, else in the default language."""
    languages = [language, settings.LANGUAGE_CODE]
    pages = (
        ProductPage.objects.live()
        .filter(product__in=list(product_pks), locale__language_code__in=languages)
        .select_related("locale")
        .defer_streamfields()
    )
    found = {}
    for page in sorted(pages, key=lambda p: languages.index(p.locale.language_code), reverse=True):
        found[page.product_id] = page
    return found
