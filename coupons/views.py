"""Apply and remove a discount code on the cart page. The rules are in `coupons.services`."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from products.models import Product

from . import services, throttle
from .forms import CouponApplyForm

SESSION_KEY = "coupon_code"


def cart_subtotal(request) -> Decimal:
    """The session cart's subtotal at today's database prices (never the prices stored in the session)."""
    quantities = {}
    for product_id, line in (request.session.get("cart") or {}).items():
        try:
            quantities[int(product_id)] = int(line["quantity"])
        except (KeyError, TypeError, ValueError):
            continue
    prices = Product.objects.filter(pk__in=quantities, for_sale=True).values_list("pk", "price")
    return sum((price * quantities[pk] for pk, price in prices), Decimal("0.00"))


def applied_coupon(request, subtotal) -> tuple:
    """(coupon, discount) for the code kept in the session, or (None, 0).

    A code that no longer applies (expired, used up, the cart fell below its minimum...) is dropped from the
    session, and the shopper is told why.
    """
    code = request.session.get(SESSION_KEY)
    if not code:
        return None, Decimal("0.00")
    try:
        coupon = services.find_valid(code, subtotal)
    except services.CouponError as error:
        del request.session[SESSION_KEY]
        messages.warning(
            request,
            _("The code %(code)s was removed from your cart: %(reason)s") % {"code": code, "reason": error.message},
        )
        return None, Decimal("0.00")
    return coupon, services.discount_for(coupon, subtotal)


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(f"/{translation.get_language()}/")


@require_POST
def apply(request):
    if throttle.is_blocked(request):
        messages.error(request, _("Too many attempts with wrong codes. Please try again in a few minutes."))
        return _back(request)
    form = CouponApplyForm(request.POST)
    if not form.is_valid():
        throttle.record_failure(request)
        messages.error(request, form.errors["code"][0])
        return _back(request)
    try:
        coupon = services.find_valid(form.cleaned_data["code"], cart_subtotal(request))
    except services.CouponError as error:
        throttle.record_failure(request)
        messages.error(request, error.message)
        return _back(request)
    request.session[SESSION_KEY] = coupon.code
    messages.success(request, _("The code %(code)s was applied.") % {"code": coupon.code})
    return _back(request)


@require_POST
def remove(request):
    if request.session.pop(SESSION_KEY, None):
        messages.success(request, _("The discount code was removed."))
    return _back(request)
