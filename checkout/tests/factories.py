"""The one order builder of every app's tests, and staff users.

`make_order` leaves an order as the shop's own paths would: `place_order` (lines snapshot the product, totals by
`subtotal_of`, the coupon's `totals` and the taxes' `quote` without shipping, stock reserved, a creation event) and
then `Order.move_to` along the transition map to the status asked for (one event per move, `paid_at` once paid),
with the order's payment attempt (`Payment`) where it has one: asked for (`session_id=`, `payment_intent_id=`,
`livemode=`, `provider=`), or taken once the order is paid.
"""

import secrets
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group, Permission
from django.db.models import F
from django.utils import timezone

from checkout.models import Order, OrderEvent, OrderLine, Payment
from checkout.taxes.rates import quote
from coupons import services as coupon_services
from products.models import ProductVariant
from products.tests.factories import ProductFactory
from storefront.money import store_currency, subtotal_of

# The customer of the checkout form in the tests, and of every order `make_order` builds unless told otherwise.
CUSTOMER = {
    "first_name": "Ana",
    "last_name": "Pérez",
    "email": "ana@example.com",
    "address": "Calle Mayor 1",
    "postal_code": "28001",
    "city": "Madrid",
    "country": "ES",
}

# The moves `Order.move_to` makes from pending to each status (the creation event comes first).
HISTORY = {
    Order.Status.PENDING: [],
    Order.Status.PAID: [Order.Status.PAID],
    Order.Status.SHIPPED: [Order.Status.PAID, Order.Status.SHIPPED],
    Order.Status.CANCELLED: [Order.Status.CANCELLED],
    Order.Status.FAILED: [Order.Status.FAILED],
    Order.Status.EXPIRED: [Order.Status.EXPIRED],
}


def default_lines():
    """2 × a new kettle at 24.50: an order of 49.00."""
    return [(ProductFactory(sku=f"KET-{secrets.token_hex(3)}", name="Kettle", price="24.50"), 2)]


def make_order(
    lines=None,
    *,
    status=Order.Status.PENDING,
    reserve_stock=True,
    currency=None,
    coupon=None,
    language="en",
    reserved_minutes=60,
    **fields,
) -> Order:
    """An order of `lines` — (product or variant, quantity) or (product or variant, quantity, title as the shopper
    saw it) — in `status`; a product stands for its default variant.

    Prices, SKUs and names are read from the database, as `place_order` does. The subtotal follows
    `storefront.money.subtotal_of`, the discount and total `coupons.services.totals` (the coupon is not re-checked,
    so an expired or used-up one may be given). `reserve_stock` takes the units out of stock when the order holds
    them (pending) or used them (paid, shipped); a cancelled, failed or expired order has given them back.
    `fields` are any other Order fields (customer, number, `paid_at`...) and the references of its payment attempt
    (`PAYMENT_FIELDS`). Default lines: 2 × 24.50.
    """
    references = {key: fields.pop(key) for key in PAYMENT_FIELDS if key in fields}
    status = Order.Status(status)
    currency = currency or store_currency()
    if currency == store_currency():
        fields.setdefault("exchange_rate", Decimal(1))  # as `place_order` freezes the base currency's rate
    lines = [line if len(line) == 3 else (*line, None) for line in (default_lines() if lines is None else lines)]
    lines = [(_variant(item), quantity, title) for item, quantity, title in lines]
    subtotal = subtotal_of(((variant.unit_price, quantity) for variant, quantity, _title in lines), currency)
    discount, _goods = coupon_services.totals(subtotal, coupon)
    ordered = sorted(lines, key=lambda line: line[0].pk)
    money = quote(
        [(variant.unit_price, quantity, variant.product.tax_class) for variant, quantity, _title in ordered],
        fields.get("country", CUSTOMER["country"]),
        discount=discount,
    )
    order = Order.objects.create(
        **{
            "number": f"T-{secrets.token_hex(4).upper()}",
            "language": language,
            "reserved_until": timezone.now() + timedelta(minutes=reserved_minutes),
            **CUSTOMER,
            **fields,
        },
        currency=currency,
        subtotal=money.subtotal,
        discount=money.discount,
        total=money.total,
        tax=money.tax,
        tax_breakdown=[row.as_json() for row in money.breakdown],
        prices_include_tax=money.prices_include_tax,
        coupon=coupon,
        coupon_code=coupon.code if coupon else "",
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            product_id=variant.product_id,
            variant=variant,
            sku=variant.sku,
            title=title or variant.product.name,
            unit_price=variant.unit_price,
            quantity=quantity,
            discount=taxed.discount,
            tax_rate=taxed.rate,
            net=taxed.net,
            tax=taxed.tax,
            gross=taxed.gross,
        )
        for (variant, quantity, title), taxed in zip(ordered, money.lines, strict=True)
    )
    if reserve_stock and status in Order.RESERVING | Order.PAID_STATUSES:
        for variant, quantity, _title in sorted(lines, key=lambda line: line[0].pk):
            ProductVariant.objects.filter(pk=variant.pk).update(stock=F("stock") - quantity)
    OrderEvent.objects.create(order=order, from_status="", to_status=Order.Status.PENDING)
    payment = _attempt(order, references) if references else None
    for step in HISTORY[status]:
        if step == Order.Status.PAID:
            payment = payment or _attempt(order, {})
            payment.payment_intent_id = payment.payment_intent_id or f"pi_{secrets.token_hex(6)}"
            payment.status = Payment.Status.SUCCEEDED
            payment.save()
            order.move_to(step, paid_at=order.paid_at or timezone.now())
        else:
            order.move_to(step)
    return order


PAYMENT_FIELDS = ("session_id", "payment_intent_id", "livemode", "provider")


def _attempt(order: Order, references: dict) -> Payment:
    """A payment attempt of `order` with these references; made with Stripe unless its ids are the test-card
    page's."""
    ids = references.get("session_id", "") + references.get("payment_intent_id", "")
    references.setdefault("provider", "offline" if "_offline_" in ids else "stripe")
    return Payment.objects.create(
        order=order, amount=order.total, currency=order.currency, status=Payment.Status.PENDING, **references
    )


def take_payment(order: Order, **references) -> Payment:
    """A payment of `order` that took its total (before the order moves to paid, as the shop's own path does)."""
    payment = _attempt(order, references)
    payment.payment_intent_id = payment.payment_intent_id or f"pi_{secrets.token_hex(6)}"
    payment.status = Payment.Status.SUCCEEDED
    payment.save()
    return payment


def session_of(order: Order) -> str:
    """The session of the order's latest attempt that opened one, or ''."""
    payment = order.payments.current()
    return payment.session_id if payment else ""


def intent_of(order: Order) -> str:
    """The provider's id of the payment that paid the order, or ''."""
    payment = order.payments.paying()
    return payment.payment_intent_id if payment else ""


def _variant(item) -> ProductVariant:
    """The variant `item` is, or a product's default variant, fresh from the database."""
    if isinstance(item, ProductVariant):
        return ProductVariant.objects.select_related("product").get(pk=item.pk)
    return ProductVariant.objects.select_related("product").filter(product=item).order_by("sort_order", "pk").first()


def make_paid_order(lines=None, **fields) -> Order:
    """`make_order` in status paid."""
    return make_order(lines, status=Order.Status.PAID, **fields)


def order_with(*products, status=Order.Status.PAID, **fields) -> Order:
    """One unit of each product, paid unless told (for "bought together"); no stock taken, so that many orders
    can share a small catalog."""
    return make_order([(product, 1) for product in products], status=status, reserve_stock=False, **fields)


def user_in_group(user_model, name, *codenames):
    """A user in group `name`, which may use the admin and holds the permissions "app.codename"."""
    group, _created = Group.objects.get_or_create(name=name)
    app_model = [codename.split(".") for codename in ("wagtailadmin.access_admin", *codenames)]
    for app, codename in app_model:
        group.permissions.add(Permission.objects.get(content_type__app_label=app, codename=codename))
    user = user_model.objects.create_user(username=name.lower().replace(" ", "-"), password="x")
    user.groups.add(group)
    return user
