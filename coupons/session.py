"""The discount code a shopper applied, kept in their session: the one place that reads and writes it.

The cart page, the coupon form and checkout all go through these helpers; the code is re-checked against the
rules (`coupons.services`) every time it is used, never trusted from the session.
"""

from decimal import Decimal

from django.contrib import messages
from django.utils.translation import gettext as _

from . import services

SESSION_KEY = "coupon_code"


def applied_code(request) -> str:
    """The code in the session, or ''."""
    session = getattr(request, "session", None)
    return (session.get(SESSION_KEY) or "") if session is not None else ""


def remember(request, code: str) -> None:
    request.session[SESSION_KEY] = code


def forget(request) -> bool:
    """Drop the applied code; True if there was one."""
    return request.session.pop(SESSION_KEY, None) is not None


def applied_coupon(request, subtotal: Decimal, currency: str | None = None, *, whole_units: bool = False) -> tuple:
    """(coupon, discount) for the code kept in the session, or (None, 0), for a cart of `subtotal` in `currency`.

    A code that no longer applies (expired, used up, the cart fell below its minimum...) is dropped from the
    session, and the shopper is told why.
    """
    code = applied_code(request)
    if not code:
        return None, Decimal("0.00")
    try:
        coupon = services.find_valid(code, subtotal, currency=currency)
    except services.CouponError as error:
        forget(request)
        messages.warning(
            request,
            _("The code %(code)s was removed from your cart: %(reason)s") % {"code": code, "reason": error.message},
        )
        return None, Decimal("0.00")
    return coupon, services.discount_for(coupon, subtotal, currency, whole_units=whole_units)
