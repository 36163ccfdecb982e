"""The session cart: `{"<product pk>": {"quantity": 2, "price": "24.50"}}` under one session key.

Keyed by `Product`, the commercial record every locale shares, so the cart survives a language switch; kept
in the session, so it survives a login (Django carries the anonymous session's data into the user's).

Reading never writes: a visitor who has not added anything gets no session row and no cookie. The price
stored is the one the shopper saw when adding; the cart always shows and charges the current price, and says
so when they differ. Data in the session that does not have this shape reads as an empty cart.
"""

import hashlib
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.functional import cached_property

from products.models import Product, ProductPage
from storefront.money import quantize, subtotal_of

logger = logging.getLogger(__name__)

SESSION_KEY = "cart"


def max_line_quantity() -> int:
    return settings.CART_MAX_LINE_QUANTITY


def purchasable(products):
    """Products a shopper may buy: for sale and with a live page in at least one language."""
    live_page = ProductPage.objects.live().filter(product=OuterRef("pk"))
    return products.filter(for_sale=True).filter(Exists(live_page))


def _parse(raw) -> dict[str, dict]:
    """The session data checked item by item; `ValueError` if any part does not have the cart's shape."""
    if not isinstance(raw, dict):
        raise ValueError(f"cart is a {type(raw).__name__}")
    items = {}
    for key, item in raw.items():
        if not (isinstance(key, str) and key.isascii() and key.isdigit() and int(key) > 0):
            raise ValueError(f"bad product key {key!r}")
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
        # A lowered limit is configuration, not corruption: clamp rather than drop the cart.
        items[str(int(key))] = {"quantity": min(quantity, max_line_quantity()), "price": str(price)}
    return items


@dataclass
class CartLine:
    """One product in the cart, resolved against the database: current price, stock, page in this language."""

    product: Product
    quantity: int
    added_price: Decimal
    page: ProductPage | None
    purchasable: bool

    @property
    def title(self) -> str:
        return self.page.title if self.page else self.product.name

    @property
    def price(self) -> Decimal:
        """The price charged: always the one in force now (a sale price during its sale)."""
        return self.product.current_price

    @property
    def price_changed(self) -> bool:
        return self.added_price != self.product.current_price

    @property
    def available(self) -> bool:
        return self.purchasable and self.product.stock > 0

    @property
    def exceeds_stock(self) -> bool:
        return self.available and self.quantity > self.product.stock

    @property
    def max_quantity(self) -> int:
        return max(1, min(self.product.stock, max_line_quantity()))

    @property
    def total(self) -> Decimal:
        return quantize(self.product.current_price * self.quantity)


class Cart:
    """The cart of `request.session`; reads lazily, writes only when a shopper changes it."""

    def __init__(self, request):
        self.session = getattr(request, "session", None)

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
        """The lines whose product still exists, in the order they were added: three queries, run once."""
        if not self._items:
            return []
        pks = [int(key) for key in self._items]
        products = Product.objects.in_bulk(pks)
        buyable = set(purchasable(Product.objects.filter(pk__in=pks)).values_list("pk", flat=True))
        pages = _pages_for(products, translation.get_language())
        return [
            CartLine(
                product=products[pk],
                quantity=self._items[str(pk)]["quantity"],
                added_price=Decimal(self._items[str(pk)]["price"]),
                page=pages.get(pk),
                purchasable=pk in buyable,
            )
            for pk in pks
            if pk in products
        ]

    def __iter__(self):
        return iter(self.lines)

    def __len__(self):
        """The number of units, as the header shows it."""
        return sum(line.quantity for line in self.lines)

    def __bool__(self):
        return bool(self.lines)

    @property
    def subtotal(self) -> Decimal:
        """What the available lines cost at today's prices (`storefront.money.subtotal_of`, as orders do)."""
        return subtotal_of((line.price, line.quantity) for line in self.lines if line.available)

    @property
    def has_price_changes(self) -> bool:
        return any(line.price_changed for line in self.lines)

    @property
    def has_problems(self) -> bool:
        """Whether a line cannot be ordered as it is (not available any more, or more than the stock)."""
        return any(not line.available or line.exceeds_stock for line in self.lines)

    def quantity_of(self, product) -> int:
        item = self._items.get(str(product.pk))
        return item["quantity"] if item else 0

    def contains(self, product_pk: int) -> bool:
        return str(product_pk) in self._items

    def quantities(self) -> dict[int, int]:
        """{product pk: quantity} for the lines shown, which is what an order is placed for."""
        return {line.product.pk: line.quantity for line in self.lines}

    def fingerprint(self) -> str:
        """Changes whenever the products, quantities or current prices change: what the shopper confirms."""
        lines = sorted(self.lines, key=lambda line: line.product.pk)
        state = ";".join(f"{line.product.pk}:{line.quantity}:{line.price}" for line in lines)
        return hashlib.sha256(state.encode()).hexdigest()[:32]

    # --- Writing ------------------------------------------------------------------------------------
    def add(self, product, quantity: int) -> None:
        """Add units of `product` (validated by the caller), remembering the price the shopper sees now."""
        self._put(product, self.quantity_of(product) + quantity)

    def set_quantity(self, product, quantity: int) -> None:
        self._put(product, quantity)

    def remove(self, product_pk: int) -> None:
        items = dict(self._items)
        if items.pop(str(product_pk), None) is not None:
            self._save(items)

    def clear(self) -> None:
        """Empty the cart (after its order is paid)."""
        if self.session is not None and SESSION_KEY in self.session:
            del self.session[SESSION_KEY]
        self._forget()

    def _put(self, product, quantity: int) -> None:
        if not 1 <= quantity <= max_line_quantity():
            raise ValueError(f"quantity {quantity} out of range")
        items = dict(self._items)
        items[str(product.pk)] = {"quantity": quantity, "price": str(product.current_price)}
        self._save(items)

    def _save(self, items: dict) -> None:
        self.session[SESSION_KEY] = items
        self._forget()
        self._items = items

    def _forget(self) -> None:
        for name in ("_items", "lines"):
            self.__dict__.pop(name, None)


def _pages_for(products: dict, language: str) -> dict:
    """{product pk: live page}, in `language` where it has one, else in the default language."""
    languages = [language, settings.LANGUAGE_CODE]
    pages = (
        ProductPage.objects.live()
        .filter(product__in=list(products), locale__language_code__in=languages)
        .select_related("locale")
        .defer_streamfields()
    )
    found = {}
    for page in sorted(pages, key=lambda p: languages.index(p.locale.language_code), reverse=True):
        found[page.product_id] = page
    return found
