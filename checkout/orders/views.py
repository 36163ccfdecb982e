"""The shopper's side of checkout: the guest form that places the order, and the order page (by token).

Views only read the request, validate the form and call `checkout.orders.services.place_order`; the order's page is
reached by its unguessable token alone, so it is never cached, indexed or shown without that token.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cart.cart import Cart
from cart.summary import cart_summary
from checkout.customers import directory, signed_in_user
from checkout.shipping import options as shipping
from checkout.taxes.summary import quote_summary
from coupons import session as coupon_session
from coupons.services import CouponError
from markets.resolution import MARKET_COOKIE, market_for_country, source_markets
from storefront.money import below_minimum_charge, minimum_charge

from . import services
from .exceptions import CheckoutError
from .forms import CheckoutForm
from .models import Order
from .session import forget_paid_order, remember_pending_order

logger = logging.getLogger(__name__)

# The name of the form's "Update shipping options" button.
UPDATE_SHIPPING = "update_shipping"
# As long as `markets:choose` remembers a market the shopper picked in the header.
MARKET_COOKIE_MAX_AGE = 60 * 60 * 24 * 365


def market_of_destination(request, cart):
    """The market the shipping country sent with the form belongs to, when it is another one than the cart's (the
    market is fixed at checkout by the shipping country); None when it is the same, or the country is in no
    market (then the shopper pays in the market they chose)."""
    if request.method != "POST" or cart.market is None:
        return None
    country = request.POST.get("country", "")
    market = market_for_country(country, source_markets())
    if market is None or market.pk == cart.market.pk:
        return None
    return market


def switch_market(request, market) -> Cart:
    """Put this request in `market` and give back the cart priced in it; the response remembers the market."""
    request._market = market
    request._market_switched = market
    return Cart(request)


def remember_switched_market(request, response):
    market = getattr(request, "_market_switched", None)
    if market is not None:
        response.set_cookie(
            MARKET_COOKIE,
            market.code,
            max_age=MARKET_COOKIE_MAX_AGE,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def checkout(request):
    cart = Cart(request)
    if not cart:
        messages.info(request, _("Your cart is empty."))
        return redirect("cart:detail")
    user = signed_in_user(request)
    addresses = directory().addresses(user) if user else []
    switched = market_of_destination(request, cart)
    if switched is not None:
        # The order is never placed at the old market's prices: the shopper reads the new ones first.
        previous = cart.currency
        cart = switch_market(request, switched)
        messages.warning(
            request,
            _(
                "We deliver to this country from our %(market)s shop: prices are now in %(currency)s (they were in "
                "%(previous)s). Please check your order before paying."
            )
            % {"market": switched.localized.name, "currency": cart.currency, "previous": previous},
        )
    coupon, discount = coupon_session.applied_coupon(
        request, cart.subtotal, cart.currency, whole_units=cart.whole_units
    )
    if switched is not None:
        initial = {name: request.POST.get(name, "") for name in CheckoutForm.base_fields if name != "submission_key"}
        form = CheckoutForm(cart=cart, discount=discount, initial=initial)
    elif request.method == "POST" and UPDATE_SHIPPING in request.POST:
        # "Update shipping options" (the no-JavaScript way to see the methods of the chosen country): the form
        # is shown again with what was typed, without placing the order or showing errors.
        initial = {name: request.POST.get(name, "") for name in CheckoutForm.base_fields if name != "submission_key"}
        form = CheckoutForm(cart=cart, discount=discount, initial=initial)
    elif request.method == "POST":
        form = CheckoutForm(request.POST, cart=cart, discount=discount)
        if form.is_valid():
            try:
                order = services.place_order(
                    cart,
                    form.customer(),
                    # A customer's emails are written in their profile's language, whatever the page's.
                    (user and directory().language(user)) or translation.get_language(),
                    form.cleaned_data["submission_key"],
                    coupon_code=coupon_session.applied_code(request),
                    account=user,
                    shipping_method=form.shipping_method_pk(),
                    market=cart.market,
                )
            except CheckoutError as error:
                logger.info("Checkout refused: %s", error)
                messages.error(request, error.message)
            except CouponError as error:
                # The order is not placed; the shopper sees why and can check out without the code.
                coupon_session.forget(request)
                messages.error(request, error.message)
                return redirect("cart:detail")
            else:
                remember_pending_order(request, order)
                return redirect(order_url(order))
        elif form.needs_new_key:
            form.refresh_submission_key()
    else:
        form = CheckoutForm(cart=cart, discount=discount, initial=_saved_details(request, user, addresses))
    context = {
        "cart": cart,
        "form": form,
        "summary": _summary(form, cart, discount, coupon.code if coupon else ""),
        "reservation_minutes": settings.ORDER_RESERVATION_MINUTES,
        "addresses": addresses,
        "chosen_address": form.initial.get("saved_address"),
        "market_switched": switched,
    }
    return remember_switched_market(request, TemplateResponse(request, "checkout/checkout.html", context))


def _summary(form, cart, discount, coupon_code: str):
    """The order's money as it would be placed (`form.quote()`), or the cart's until a destination (and a method)
    is chosen: the rows of the cart page, so the shopper reads the same summary on both."""
    quote = form.quote()
    if quote is None:
        lines = [(line.variant, line.quantity) for line in cart if line.available]
        estimate = shipping.estimate_for_cart(lines, form.goods_amount, cart.market)
        return cart_summary(cart, discount=discount, coupon_code=coupon_code, estimate=estimate)
    choice = form.chosen_shipping()
    return quote_summary(quote, coupon_code=coupon_code, shipping_name=choice.name if choice else "")


def _saved_details(request, user, addresses) -> dict:
    """A signed-in customer's form starts filled: their email, and the saved address chosen (`?address=<id>`) or
    their default one."""
    if user is None:
        return {}
    initial = {"email": user.email}
    wanted = request.GET.get("address", "")
    chosen = next((a for a in addresses if str(a.id) == wanted), None) or next(iter(addresses), None)
    if chosen is not None:
        initial.update(chosen.as_initial(), saved_address=chosen.id)
    return initial


def order_url(order: Order) -> str:
    return reverse("checkout:order", kwargs={"token": order.token})


@never_cache
@require_GET
def order(request, token):
    order = get_object_or_404(Order.objects.prefetch_related("lines", "refunds__credit_note"), token=token)
    forget_paid_order(request, order)
    context = {"order": order}
    if below_minimum_charge(order.total, order.currency):
        context["minimum_charge"] = minimum_charge(order.currency)
    response = TemplateResponse(request, "checkout/order.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
