"""The order flows a person starts: place an order, cancel it, ship it. Views and admin actions call these.

Every function that changes an order locks its row first (`Order.objects.locked`), so concurrent callers
(a webhook and a success page, two webhooks, a shop manager and the expiry task) serialise on it. The end of a
reservation without a person (expiry, a failed payment) is in `checkout.orders.reservations`; becoming paid is
`checkout.payments.settle.mark_paid`. Emails are queued after commit (`checkout.signals`).
"""

import logging
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from checkout.shipping import options as shipping
from checkout.signals import order_placed, status_email_due
from checkout.taxes.rates import quote
from coupons import services as coupon_services
from markets.models import base_currency
from markets.pricing import price_in, rate_for
from products import inventory
from products.models import ProductPage, ProductVariant, variant_labels, variant_title
from storefront.addresses import address_of
from storefront.money import below_minimum_charge, minimum_charge, subtotal_of

from .exceptions import (
    EmptyCart,
    OutOfStock,
    ProductNotSoldInMarket,
    ProductUnavailable,
    QuantityOutOfRange,
    ShippingUnavailable,
    TotalBelowMinimumCharge,
)
from .models import Order, OrderEvent, OrderLine
from .reservations import end_reservation

logger = logging.getLogger(__name__)


def order_number(pk: int) -> str:
    """The number people use: 'SF-000042'. Derived from the primary key, so unique and assigned in the same
    transaction as the order."""
    return f"SF-{pk:06d}"


def place_order(
    cart,
    customer: dict,
    language: str,
    submission_key: str | None = None,
    coupon_code: str = "",
    shipping_method: int | None = None,
    account=None,
    market=None,
) -> Order:
    """Turn the cart into a pending order that holds its stock until `reserved_until`.

    Prices are `market`'s (the cart's by default: `cart.market`), in its currency, read under the locks with
    `markets.pricing.price_in`; the order freezes the market, its currency, whether its prices include tax and
    the exchange rate of that currency. A variant without a price in the market cannot be ordered there.

    One transaction: the variants are locked in primary-key order (`select_for_update`), so two shoppers
    serialise on the same rows instead of deadlocking; prices, availability and stock are read under those
    locks, never taken from the browser; stock is reserved with `F()` updates and the CHECK constraint
    `stock >= 0` refuses any oversell the checks might miss. A repeated `submission_key` (a double submit)
    returns the order the first submit made. The confirmation email is queued once the order is committed.

    A `coupon_code` is checked again here, against the database subtotal and the customer's email (its
    per-email limit), and its discount is snapshotted on the order. `account` is the signed-in customer's user
    (None for a guest): the order is theirs from the start.

    `shipping_method` (a method's pk) is checked again too: it must still apply to the customer's country and
    the cart's weight (`checkout.shipping.options`); its price, the tax of every line and of shipping
    (`checkout.taxes`) are computed here from the database and frozen on the order and its lines. A shop
    without shipping zones ships everywhere for free and needs no method.

    A total above zero that the payment provider cannot charge (below `storefront.money.minimum_charge`, a
    coupon's doing) is refused before any stock is reserved: such an order could never be paid.

    Raises `EmptyCart`, `ProductUnavailable`, `ProductNotSoldInMarket`, `OutOfStock`, `QuantityOutOfRange`,
    `ShippingUnavailable` or `TotalBelowMinimumCharge`, or a `coupons.services.CouponError`, each with a message
    for the shopper.
    """
    quantities = {int(pk): int(quantity) for pk, quantity in cart.quantities().items()}
    if not quantities:
        raise EmptyCart()
    if market is None:
        market = getattr(cart, "market", None)
    if submission_key and (existing := Order.objects.filter(submission_key=submission_key).first()):
        return existing
    try:
        with transaction.atomic():
            variants = list(inventory.locked(ProductVariant.objects.filter(pk__in=quantities)))
            # A double submit waited for the first one's locks: now its order is visible.
            if submission_key and (existing := Order.objects.filter(submission_key=submission_key).first()):
                return existing
            titles = line_titles(variants, language)
            check_sellable(variants, quantities, titles)
            prices = prices_in(market, variants, titles)
            order = _create_order(
                variants,
                quantities,
                titles,
                customer,
                language,
                submission_key,
                coupon_code,
                shipping_method,
                account,
                market=market,
                prices=prices,
            )
    except IntegrityError:
        # The only unique value a shopper controls is the submission key: a concurrent double submit won.
        if submission_key and (existing := Order.objects.filter(submission_key=submission_key).first()):
            return existing
        raise
    # `robust`: a broker that is down fails the queueing, not the order; the catch-up task queues it again.
    transaction.on_commit(lambda: order_placed.send(Order, order_pk=order.pk), robust=True)
    logger.info("Order %s placed: %s %s for %d variants", order.number, order.total, order.currency, len(variants))
    return order


def line_titles(variants, language: str) -> dict[int, tuple[str, str]]:
    """{variant pk: (title, variant label)} in `language`: "T-shirt — Red / M" from the product's live page
    there (else the default language's page, else the product's internal name) and the option values'
    translations ("" for a product without options)."""
    languages = [language, settings.LANGUAGE_CODE]
    product_pks = {variant.product_id for variant in variants}
    pages = ProductPage.objects.live().filter(product__in=product_pks, locale__language_code__in=languages)
    # The default language's titles first, so that a page in the order's language overwrites them.
    ranked = sorted(
        pages.values_list("product_id", "title", "locale__language_code"), key=lambda row: row[2] == language
    )
    product_titles = {variant.product_id: variant.product.name for variant in variants}
    product_titles.update({product_id: title for product_id, title, _code in ranked})
    labels = variant_labels(variants, language)
    return {
        variant.pk: (variant_title(product_titles[variant.product_id], labels[variant.pk]), labels[variant.pk])
        for variant in variants
    }


def check_sellable(variants, quantities: dict[int, int], titles: dict[int, tuple[str, str]]) -> None:
    """Refuse missing, unpublished or withdrawn variants and quantities above the stock (rows locked)."""
    found = {variant.pk for variant in variants}
    if missing := set(quantities) - found:
        raise ProductUnavailable(None, f"variant #{min(missing)}")
    sellable = set(inventory.purchasable(ProductVariant.objects.filter(pk__in=found)).values_list("pk", flat=True))
    for variant in variants:
        quantity, title = quantities[variant.pk], titles[variant.pk][0]
        if variant.pk not in sellable:
            raise ProductUnavailable(variant, title)
        if not 1 <= quantity <= inventory.max_line_quantity():
            raise QuantityOutOfRange(variant, quantity, inventory.max_line_quantity())
        if not inventory.covers(variant, quantity):
            raise OutOfStock(variant, title, variant.stock)


def prices_in(market, variants, titles) -> dict[int, Decimal]:
    """{variant pk: unit price now} in `market` (the catalog's own prices without a market); `ProductUnavailable`
    for a variant without a price there."""
    if market is None:
        return {variant.pk: variant.unit_price for variant in variants}
    prices = {}
    for variant in variants:
        price = price_in(market, variant)
        if price is None:
            raise ProductNotSoldInMarket(variant, titles[variant.pk][0], market)
        prices[variant.pk] = price.current
    return prices


def _create_order(
    variants,
    quantities,
    titles,
    customer,
    language,
    submission_key,
    coupon_code="",
    shipping_method=None,
    account=None,
    *,
    market=None,
    prices=None,
) -> Order:
    prices = prices if prices is not None else {variant.pk: variant.unit_price for variant in variants}
    # Lower case, as orders have always spelled it (and Stripe does).
    currency = (market.currency if market is not None else base_currency()).lower()
    max_length = OrderLine._meta.get_field("title").max_length
    lines = [
        OrderLine(
            product_id=variant.product_id,
            variant=variant,
            sku=variant.sku,
            title=titles[variant.pk][0][:max_length],
            variant_label=titles[variant.pk][1][:max_length],
            unit_price=prices[variant.pk],
            quantity=quantities[variant.pk],
        )
        for variant in variants
    ]
    subtotal = subtotal_of(((line.unit_price, line.quantity) for line in lines), currency)
    coupon = (
        coupon_services.find_valid(coupon_code, subtotal, email=customer["email"], currency=currency)
        if coupon_code
        else None
    )
    whole_units = market is not None and market.whole_units
    discount, _goods = coupon_services.totals(subtotal, coupon, currency, whole_units=whole_units)
    weighed = [(v, quantities[v.pk]) for v in variants]
    choice = shipping_choice(shipping_method, customer["country"], weighed, subtotal - discount, language, market)
    money = quote(
        [(prices[variant.pk], quantities[variant.pk], variant.product.tax_class) for variant in variants],
        customer["country"],
        discount=discount,
        shipping_price=choice.price if choice else 0,
        shipping_tax_class=choice.method.tax_class if choice else None,
        market=market,
    )
    if below_minimum_charge(money.total, currency):
        raise TotalBelowMinimumCharge(money.total, minimum_charge(currency), currency)
    for line, taxed in zip(lines, money.lines, strict=True):
        line.discount, line.tax_rate, line.net, line.tax, line.gross = (
            taxed.discount,
            taxed.rate,
            taxed.net,
            taxed.tax,
            taxed.gross,
        )
    order = Order(
        # A unique placeholder, replaced by the real number below, in this transaction.
        number=f"new-{secrets.token_hex(8)}",
        language=language,
        currency=currency,
        market=market,
        market_name=market.name[: Order._meta.get_field("market_name").max_length] if market is not None else "",
        exchange_rate=rate_for(currency),
        subtotal=money.subtotal,
        discount=money.discount,
        total=money.total,
        tax=money.tax,
        tax_breakdown=[row.as_json() for row in money.breakdown],
        prices_include_tax=money.prices_include_tax,
        shipping_method=choice.method if choice else None,
        shipping_name=choice.name[: Order._meta.get_field("shipping_name").max_length] if choice else "",
        shipping_price=money.shipping.amount,
        shipping_tax_rate=money.shipping.rate,
        shipping_tax=money.shipping.tax,
        coupon=coupon,
        coupon_code=coupon.code if coupon else "",
        submission_key=submission_key or None,
        customer=account,
        reserved_until=timezone.now() + timedelta(minutes=settings.ORDER_RESERVATION_MINUTES),
        email=customer.get("email", ""),
        tax_id=customer.get("tax_id", ""),
        **address_of(customer),
    )
    order.save()
    order.number = order_number(order.pk)
    order.save(update_fields=["number"])
    for line in lines:
        line.order = order
    OrderLine.objects.bulk_create(lines)
    _reserve_stock(order, variants, quantities, titles)
    OrderEvent.objects.create(order=order, from_status="", to_status=Order.Status.PENDING)
    return order


def shipping_choice(method_pk, country: str, lines, goods_amount, language: str, market=None):
    """The chosen shipping method as it applies now to `country` and these (variant, quantity) `lines`, priced in
    `market`'s currency, or None for a shop that ships everywhere for free. Raises `ShippingUnavailable` when the
    cart cannot ship there (or the method has no price in the market's currency)."""
    if shipping.ships_everywhere_free():
        return None
    weight = shipping.cart_weight(lines)
    choice = shipping.find_choice(method_pk, country, weight, goods_amount, language, market) if method_pk else None
    if choice is None:
        raise ShippingUnavailable(country, method_pk, weight)
    return choice


def _reserve_stock(order, variants, quantities, titles) -> None:
    """Take the units out of the variants' stock (`products.inventory.reserve`); the CHECK constraint is the last
    line of defence, and what it refuses is told to the shopper as out of stock."""
    try:
        inventory.reserve(quantities)
    except inventory.InsufficientStock as error:
        variant = next(variant for variant in variants if variant.pk == error.variant_pk)
        logger.warning("Order %s: the stock constraint refused %s (%s)", order.number, variant.sku, error.__cause__)
        raise OutOfStock(variant, titles[variant.pk][0], error.available) from error


def _queue_status_email(order: Order) -> None:
    """Queue the email about the order's new status once the move commits (never for a rolled-back move).

    `robust`: a broker that is down fails the queueing, not the move; `checkout.tasks.catch_up_emails` queues it
    again.
    """
    order_pk, status = order.pk, order.status
    transaction.on_commit(lambda: status_email_due.send(Order, order_pk=order_pk, status=status), robust=True)


def cancel_order(order: Order, *, by=None, note="") -> Order:
    """pending → cancelled; the reserved stock returns. Idempotent; `InvalidTransition` from another status.

    Cancelled by a person (`by`, a shop manager), the customer is emailed after commit; cancelled by the shop
    itself (a coupon that stopped applying at payment), the shopper is told on the page instead.
    """
    with transaction.atomic():
        order, moved = end_reservation(order, Order.Status.CANCELLED, by=by, note=note)
        if moved and by is not None:
            _queue_status_email(order)
    return order


def mark_shipped(order: Order, *, by=None, note="") -> Order:
    """paid or partly refunded → shipped (the shop manager sent the parcel); the customer is emailed after commit.
    Idempotent."""
    with transaction.atomic():
        order = Order.objects.locked(order)
        if order.status != Order.Status.SHIPPED:
            order.move_to(Order.Status.SHIPPED, by=by, note=note)
            _queue_status_email(order)
    return order
