"""What the shop asks Stripe Checkout to charge for an order, built from the order in the database only: its
lines, its discount, its shipping, its language and email. Plain dicts of Stripe's parameters, no SDK call (those
are `stripe.py`'s); the offline test-card page charges the same amount.

Every amount is in the order's currency (its market's, frozen on the order), in that currency's minor units as
Stripe counts them (`storefront.money.to_minor_units`: cents, kopecks, or whole yen for Stripe's zero-decimal
currencies), and every `currency` parameter is the order's in Stripe's lower-case spelling.
"""

from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext

from storefront.money import to_minor_units

# Stripe refuses `expires_at` less than 30 minutes or more than 24 hours after the session is created;
# one minute of margin absorbs the clock difference between us and Stripe.
SESSION_MIN_LIFETIME = timedelta(minutes=31)
SESSION_MAX_LIFETIME = timedelta(hours=23, minutes=59)

# The languages Stripe Checkout is translated into that the shop also speaks; any other gets "auto".
CHECKOUT_LOCALES = {"en", "es", "ru", "fr", "de", "it", "pt", "nl", "pl", "ja", "zh"}

# Stripe shows a coupon's name on the hosted page; it accepts at most 40 characters.
COUPON_NAME_MAX_LENGTH = 40
# A shipping rate's display name, as Stripe shows it under the line items (it accepts at most 100 characters).
SHIPPING_NAME_MAX_LENGTH = 100


def stripe_currency(order) -> str:
    """The order's currency as Stripe spells it ("eur")."""
    return order.currency.lower()


def line_items(order) -> list[dict]:
    """The order's lines as Checkout line items, in minor units of the order's currency.

    Unit prices are the catalog's, as the order was placed: with tax where prices include it (then Stripe's sum
    already holds the tax), without it otherwise, and then one more line carries the order's whole tax (lines'
    and shipping's), since Checkout without Stripe Tax takes no tax amount of ours.
    """
    currency = stripe_currency(order)
    items = [
        {
            "quantity": line.quantity,
            "price_data": {
                "currency": currency,
                "unit_amount": to_minor_units(line.unit_price, currency),
                "product_data": {"name": line.title, "metadata": {"sku": line.sku}},
            },
        }
        for line in order.lines.all()
    ]
    if not order.prices_include_tax and order.tax > 0:
        items.append(
            {
                "quantity": 1,
                "price_data": {
                    "currency": currency,
                    "unit_amount": to_minor_units(order.tax, currency),
                    "product_data": {"name": _tax_line_name(order), "metadata": {"kind": "tax"}},
                },
            }
        )
    return items


def _tax_line_name(order) -> str:
    with translation.override(order.language):
        return gettext("Tax")


def shipping_options(order) -> list[dict] | None:
    """The order's shipping as Checkout's one `shipping_options` entry (a fixed amount, with its name and
    delivery estimate), which Stripe adds to the total after any discount; None when the order has no shipping
    method (a shop that ships everywhere for free). Its tax is in the price (prices with tax) or in the tax line.
    """
    if not order.shipping_name:
        return None
    method = order.shipping_method
    rate = {
        "type": "fixed_amount",
        "display_name": order.shipping_name[:SHIPPING_NAME_MAX_LENGTH],
        "fixed_amount": {
            "amount": to_minor_units(order.shipping_price, order.currency),
            "currency": stripe_currency(order),
        },
        "metadata": {"order_number": order.number},
    }
    if method is not None:
        rate["delivery_estimate"] = {
            "minimum": {"unit": "business_day", "value": method.min_days},
            "maximum": {"unit": "business_day", "value": method.max_days},
        }
    return [{"shipping_rate_data": rate}]


def coupon_params(order) -> dict | None:
    """A one-off Stripe coupon worth exactly the order's discount, or None when there is no discount.

    Stripe shows it under the line items with its name (the code the shopper typed), and subtracts it from
    their sum, so the hosted page and the order agree line by line and in total.
    """
    if order.discount <= 0:
        return None
    currency = stripe_currency(order)
    name = order.coupon_code or "Discount"
    return {
        "amount_off": to_minor_units(order.discount, currency),
        "currency": currency,
        "duration": "once",
        "max_redemptions": 1,
        "name": name[:COUPON_NAME_MAX_LENGTH],
        "metadata": {"order_number": order.number},
    }


def amount_charged(items: list[dict], coupon: dict | None, shipping: list[dict] | None = None) -> int:
    """What Stripe charges for these line items, coupon and shipping option, in minor units: the items' sum less
    the coupon (which never takes it below 0 and never touches shipping), plus the shipping rate's amount."""
    subtotal = sum(item["price_data"]["unit_amount"] * item["quantity"] for item in items)
    discount = min(coupon["amount_off"], subtotal) if coupon else 0
    shipping_amount = shipping[0]["shipping_rate_data"]["fixed_amount"]["amount"] if shipping else 0
    return subtotal - discount + shipping_amount


def checkout_amount(order) -> int:
    """What Stripe will charge for this order, computed from the very parameters the session is created with."""
    return amount_charged(line_items(order), coupon_params(order), shipping_options(order))


def session_expiry(reserved_until, now=None):
    """The order's reservation end, moved into the window Stripe accepts (30 minutes to 24 hours from now)."""
    now = now or timezone.now()
    return min(max(reserved_until, now + SESSION_MIN_LIFETIME), now + SESSION_MAX_LIFETIME)


def idempotency_key(order, attempt: int, what: str) -> str:
    """One key per order, attempt and request kind; the number keeps keys apart across database resets."""
    return f"order-{order.pk}-{order.number}-attempt-{attempt}-{what}"


def session_params(order, *, success_url: str, cancel_url: str, expires_at, coupon_id: str | None = None) -> dict:
    language = (order.language or "").split("-")[0]
    params = {
        "mode": "payment",
        "line_items": line_items(order),
        "customer_email": order.email,
        "client_reference_id": order.number,
        "locale": language if language in CHECKOUT_LOCALES else "auto",
        "metadata": {"order_number": order.number},
        "payment_intent_data": {
            "description": f"Order {order.number}",
            "metadata": {"order_number": order.number},
        },
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": int(expires_at.timestamp()),
    }
    if coupon_id:
        params["discounts"] = [{"coupon": coupon_id}]
    if shipping := shipping_options(order):
        params["shipping_options"] = shipping
    return params
