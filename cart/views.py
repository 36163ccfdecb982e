"""The cart page, the three POST endpoints that change the cart (add, change a quantity, remove), and the
discount code form's two (apply, remove a code; the rules are in `coupons.services`).

Every change is a POST with a CSRF token and answers with a redirect and a message; an invalid request
changes nothing and says why in the shopper's language.
"""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from coupons import services as coupon_services
from coupons import session as coupon_session
from coupons import throttle
from coupons.forms import CouponApplyForm
from products.models import variant_labels, variant_title
from storefront import csrf

from .cart import Cart
from .forms import AddToCartForm, RemoveForm, UpdateQuantityForm
from .summary import cart_summary


def _back(request, default: str):
    """Where the form came from (only a path on this site), else `default`.

    The target is used as a URL, never as a view name (`redirect()` would try to reverse anything without a
    slash, and fail with a 500 on junk)."""
    target = request.POST.get("next", "")
    allowed_hosts = {request.get_host()}
    if (
        target.startswith("/")
        and target.isprintable()
        and url_has_allowed_host_and_scheme(target, allowed_hosts=allowed_hosts, require_https=request.is_secure())
    ):
        return HttpResponseRedirect(target)
    return redirect(default)


def _report_errors(request, form) -> None:
    for message in form.first_errors():
        messages.error(request, message)


@never_cache
@require_GET
def detail(request):
    cart = Cart(request)
    coupon, discount = (
        coupon_session.applied_coupon(request, cart.subtotal, cart.currency, whole_units=cart.whole_units)
        if cart
        else (None, 0)
    )
    context = {"coupon": coupon, "discount": discount}
    if cart:
        lines = [(line.variant, line.quantity) for line in cart if line.available]
        estimate = import_string(settings.CART_ESTIMATE)(lines, cart.subtotal - discount, cart.market)
        context["estimate"] = estimate
        context["summary"] = cart_summary(
            cart, discount=discount, coupon_code=coupon.code if coupon else "", estimate=estimate
        )
    return TemplateResponse(request, "cart/detail.html", context)


@csrf_exempt  # checked below: a post without a valid token gets the confirmation page, not a 403
@require_POST
def add(request):
    """Add to the cart. The forms on cached catalog pages carry no CSRF token (`storefront.csrf`): without a valid
    one nothing changes, and the shopper confirms on a page that carries a token."""
    cart = Cart(request)
    form = AddToCartForm(request.POST, cart=cart)
    if not csrf.has_valid_token(request):
        return _confirm_add(request, form)
    if form.is_valid():
        cart.add(form.cleaned_data["variant"], form.cleaned_data["quantity"])
        messages.success(request, _("Added to your cart."))
    else:
        _report_errors(request, form)
    return _back(request, reverse("cart:detail"))


@never_cache
def _confirm_add(request, form):
    variant = form.cleaned_data.get("variant") if form.is_valid() else None
    page = variant.product.page_for_locale() if variant else None
    title = page.title if page else getattr(variant and variant.product, "name", "")
    context = {
        "form": form,
        "variant": variant,
        "title": variant_title(title, variant_labels([variant]).get(variant.pk, "")) if variant else "",
        "quantity": form.cleaned_data.get("quantity") if variant else None,
        "next": _back(request, reverse("cart:detail")).url,
    }
    return TemplateResponse(request, "cart/confirm_add.html", context)


@require_POST
def update(request):
    cart = Cart(request)
    form = UpdateQuantityForm(request.POST, cart=cart)
    if form.is_valid():
        cart.set_quantity(form.cleaned_data["variant"], form.cleaned_data["quantity"])
        messages.success(request, _("Your cart was updated."))
    else:
        _report_errors(request, form)
    return redirect("cart:detail")


@require_POST
def remove(request):
    cart = Cart(request)
    form = RemoveForm(request.POST, cart=cart)
    if form.is_valid():
        cart.remove(form.cleaned_data["variant"])
        messages.success(request, _("Removed from your cart."))
    else:
        _report_errors(request, form)
    return redirect("cart:detail")


@require_POST
def apply_coupon(request):
    """Apply a discount code to the cart, checked against the cart's subtotal; wrong codes count towards the
    throttle."""
    back = _back(request, f"/{translation.get_language()}/")
    if throttle.is_blocked(request):
        messages.error(request, _("Too many attempts with wrong codes. Please try again in a few minutes."))
        return back
    form = CouponApplyForm(request.POST)
    if not form.is_valid():
        throttle.record_failure(request)
        messages.error(request, form.errors["code"][0])
        return back
    cart = Cart(request)
    try:
        coupon = coupon_services.find_valid(form.cleaned_data["code"], cart.subtotal, currency=cart.currency)
    except coupon_services.CouponError as error:
        throttle.record_failure(request)
        messages.error(request, error.message)
        return back
    coupon_session.remember(request, coupon.code)
    messages.success(request, _("The code %(code)s was applied.") % {"code": coupon.code})
    return back


@require_POST
def remove_coupon(request):
    if coupon_session.forget(request):
        messages.success(request, _("The discount code was removed."))
    return _back(request, f"/{translation.get_language()}/")
