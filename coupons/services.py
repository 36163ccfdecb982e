"""The coupon rules: which code applies, how much it takes off, and counting a use once per paid order.

Views, `place_order`, the Stripe session and `mark_paid` call these functions; nothing else decides whether a
coupon applies. Every refusal is a `CouponError` subclass carrying a message a shopper can read.

Rounding rule (the only one): a percentage coupon takes `subtotal × value / 100`, rounded half up to the
currency's smallest unit (whole cents) by `storefront.money.quantize`; a fixed coupon takes its value. Either
way the discount is capped at the subtotal and is never negative, so `total = subtotal − discount ≥ 0`.

Currencies (issue #26): every amount is the order's (the market's) currency. A percentage coupon applies in every
currency; its minimum order amount, in the coupon's currency, is converted at the latest rates
(`markets.pricing.rate_for`) and rounded up to the order currency's unit. A fixed-amount coupon applies only to
orders in its own currency (`CouponWrongCurrency`), as does a minimum that no rate can convert.
"""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from markets.pricing import rate_for
from storefront.money import exponent, format_money, quantize

from .models import CODE_PATTERN, Coupon, Redemption


class CouponError(Exception):
    """A coupon does not apply. `message` is for the shopper, translated into the active language."""

    message_template = _("This code cannot be used.")

    def __init__(self, code: str = "", **params):
        self.code, self.params = code, params
        super().__init__(f"coupon {code!r}: {type(self).__name__}")

    @property
    def message(self) -> str:
        return str(self.message_template) % self.params if self.params else str(self.message_template)


class UnknownCoupon(CouponError):
    """No coupon has this code (or the input cannot be a code at all: too long, odd characters)."""

    message_template = _("We don't know this code. Please check it and try again.")


class CouponExpired(CouponError):
    """The coupon's validity ended (`valid_until` is past)."""

    message_template = _("This code has expired.")


class CouponNotYetValid(CouponError):
    """The coupon's validity has not started (`valid_from` is in the future)."""

    message_template = _("This code is not valid yet.")


class CouponInactive(CouponError):
    """A shop manager switched the coupon off."""

    message_template = _("This code is no longer active.")


class CouponUsedUp(CouponError):
    """The coupon's total limit of uses is reached."""

    message_template = _("This code has been used up.")


class CouponBelowMinimum(CouponError):
    """The subtotal is below the coupon's minimum order amount (`minimum`)."""

    message_template = _("This code needs an order of at least %(amount)s.")

    def __init__(self, code: str = "", *, minimum: Decimal, currency: str | None = None):
        self.minimum, self.currency = minimum, currency
        super().__init__(code)

    @property
    def message(self) -> str:
        # Formatted when read, so the amount follows the language the message is shown in.
        return str(self.message_template) % {"amount": format_money(self.minimum, self.currency)}


class CouponWrongCurrency(CouponError):
    """A fixed-amount coupon (or a minimum no rate converts) used for an order in another currency than its own."""

    message_template = _("This code is valid only for orders paid in %(currency)s.")

    def __init__(self, code: str = "", *, currency: str):
        super().__init__(code, currency=currency)


class CouponLimitPerEmail(CouponError):
    """The email address has used the coupon as many times as its per-email limit allows."""

    message_template = _("This code has already been used with your email address as many times as allowed.")


def normalize_code(raw) -> str:
    """' summer-10 ' → 'SUMMER-10'. Anything that cannot be a code raises `UnknownCoupon`, never a crash."""
    if not isinstance(raw, str):
        raise UnknownCoupon()
    code = raw.strip().upper()
    if not CODE_PATTERN.fullmatch(code):
        raise UnknownCoupon()
    return code


def _uses_by_email(coupon: Coupon, email: str) -> int:
    return Redemption.objects.filter(coupon=coupon, email__iexact=email.strip()).count()


def minimum_in(coupon: Coupon, currency: str) -> Decimal | None:
    """The coupon's minimum order amount in `currency`: as set in its own currency, else converted at the latest
    rates and rounded up to the currency's unit (never below the set minimum's worth); None when a rate is
    missing. Only called for a coupon that has a minimum."""
    if currency == coupon.currency:
        return coupon.minimum_amount
    own, other = rate_for(coupon.currency), rate_for(currency)
    if own is None or other is None:
        return None
    step = Decimal(1).scaleb(-exponent(currency))
    converted = Decimal(coupon.minimum_amount) * other / own
    return quantize((converted / step).to_integral_value(rounding=ROUND_CEILING) * step, currency)


def find_valid(code, subtotal, *, email: str | None = None, now=None, currency: str | None = None) -> Coupon:
    """The coupon for `code` if it applies to an order of `subtotal` in `currency` (the coupon's own when None)
    and `email` (when known), else a CouponError.

    The rules are checked in this order, each with its own exception: unknown, inactive, not yet valid,
    expired, used up, wrong currency, below the minimum amount, per-email limit.
    """
    code = normalize_code(code)
    now = now or timezone.now()
    coupon = Coupon.objects.filter(code__iexact=code).first()
    if coupon is None:
        raise UnknownCoupon(code)
    if not coupon.active:
        raise CouponInactive(code)
    if now < coupon.valid_from:
        raise CouponNotYetValid(code)
    if now >= coupon.valid_until:
        raise CouponExpired(code)
    if coupon.max_uses is not None and coupon.uses >= coupon.max_uses:
        raise CouponUsedUp(code)
    currency = (currency or coupon.currency).upper()
    if coupon.kind == Coupon.Kind.FIXED and currency != coupon.currency:
        raise CouponWrongCurrency(code, currency=coupon.currency)
    if coupon.minimum_amount is not None:
        minimum = minimum_in(coupon, currency)
        if minimum is None:
            raise CouponWrongCurrency(code, currency=coupon.currency)
        if Decimal(subtotal) < minimum:
            raise CouponBelowMinimum(code, minimum=minimum, currency=currency)
    if email and coupon.max_uses_per_email is not None and _uses_by_email(coupon, email) >= coupon.max_uses_per_email:
        raise CouponLimitPerEmail(code)
    return coupon


def discount_for(coupon: Coupon, subtotal, currency: str | None = None, *, whole_units: bool = False) -> Decimal:
    """The amount `coupon` takes off `subtotal` in `currency` (the coupon's own when None), by the module's one
    rounding rule (the currency's smallest unit, 0 ≤ d ≤ subtotal; whole units, a fixed amount too, in a market of
    whole prices, so that a shopper there still pays whole roubles). A fixed amount is `find_valid`'s to refuse in
    another currency."""
    currency = currency or coupon.currency
    subtotal = quantize(subtotal, currency)
    exact = subtotal * Decimal(coupon.value) / 100 if coupon.kind == Coupon.Kind.PERCENT else Decimal(coupon.value)
    discount = quantize(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP) if whole_units else exact, currency)
    return max(quantize(0, currency), min(discount, subtotal))


def totals(
    subtotal, coupon: Coupon | None, currency: str | None = None, *, whole_units: bool = False
) -> tuple[Decimal, Decimal]:
    """(discount, total) for an order of `subtotal` in `currency` with `coupon` (or none)."""
    subtotal = quantize(subtotal, currency)
    if coupon is None:
        return quantize(0, currency), subtotal
    discount = discount_for(coupon, subtotal, currency, whole_units=whole_units)
    return discount, subtotal - discount


def recheck(order) -> Coupon | None:
    """Raise the fitting CouponError if the order's coupon no longer applies to it; call when placing the order
    and again just before creating the Stripe session. Returns the coupon (None for an order without one)."""
    if order.coupon_id is None:
        return None
    return find_valid(order.coupon.code, order.subtotal, email=order.email, currency=order.currency)


def redeem(order) -> Redemption | None:
    """Count one use of the order's coupon; call inside the transaction that marks the order paid.

    Locks the coupon row, so concurrent payments of a limited coupon serialise here; re-checks the total and
    per-email limits (not the dates: the order was placed while the coupon was valid); increments `uses` with
    F(); records the Redemption. A second call for the same order changes nothing and returns the first
    Redemption. Raises `CouponUsedUp` / `CouponLimitPerEmail` if the limit was reached in the meantime.

    What `mark_paid` should do with that refusal: the coupon was re-checked when the order was placed and when
    its Stripe session was created, so this only happens when payments of a limited coupon race each other.
    Honouring the discount anyway would let a single-use coupon discount several orders, so the recommended
    handling is: call `redeem` before marking the order paid; on `CouponError`, refund the payment in full
    (idempotency key from the order number), move the order pending → failed (its stock returns) with the
    error as the event note, and tell the shopper `error.message`. Exactly one order then keeps the discount.
    """
    if order.coupon_id is None:
        return None
    with transaction.atomic():
        coupon = Coupon.objects.select_for_update().get(pk=order.coupon_id)
        # Read after the lock: a concurrent redeem of this same order has committed by now.
        existing = Redemption.objects.filter(order=order).first()
        if existing is not None:
            return existing
        if coupon.max_uses is not None and coupon.uses >= coupon.max_uses:
            raise CouponUsedUp(coupon.code)
        if coupon.max_uses_per_email is not None and _uses_by_email(coupon, order.email) >= coupon.max_uses_per_email:
            raise CouponLimitPerEmail(coupon.code)
        Coupon.objects.filter(pk=coupon.pk).update(uses=F("uses") + 1)
        return Redemption.objects.create(coupon=coupon, order=order, email=order.email, amount=order.discount)


def release(order) -> bool:
    """Give back the use the order's coupon counted (its payment was refunded in full); True if one was released.

    Locks the coupon row like `redeem`, so a release and a redemption never interleave; a second call for the
    same order changes nothing.
    """
    if order.coupon_id is None:
        return False
    with transaction.atomic():
        Coupon.objects.select_for_update().get(pk=order.coupon_id)
        deleted, _rows = Redemption.objects.filter(order=order).delete()
        if deleted:
            Coupon.objects.filter(pk=order.coupon_id, uses__gt=0).update(uses=F("uses") - 1)
    return bool(deleted)
