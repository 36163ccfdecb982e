"""The signed-in customer's pages: orders, buy again, addresses, profile, their data and deleting the account.

Every page is behind login and shows only the customer's own rows (someone else's id is a 404), and every
answer is `private, no-store` (`private`): no shared cache, CDN or browser history keeps a personal page.
"""

import functools
import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cart.cart import Cart
from products import inventory
from products.models import ProductVariant
from storefront.page_cache import make_private

from . import privacy
from .carts import add_capped
from .forms import AddressForm, DeleteAccountForm, ProfileForm
from .models import Address, Profile
from .orders import order_of, orders_of
from .profiles import update_profile


def private(view):
    """The answer is personal: `Cache-Control: private, no-store`, whatever the view set."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        make_private(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def account_page(view):
    """A page of the signed-in customer's account: login required, private."""
    return private(login_required(view))


@account_page
@require_GET
def home(request):
    return redirect("accounts:orders")


@account_page
@require_GET
def orders(request):
    return TemplateResponse(request, "accounts/orders.html", {"orders": orders_of(request.user), "section": "orders"})


@account_page
@require_GET
def order(request, number):
    return TemplateResponse(
        request, "accounts/order.html", {"order": order_of(request.user, number), "section": "orders"}
    )


@account_page
@require_POST
def buy_again(request, number):
    """Put the order's variants back in the cart (as many as stock and the per-line maximum allow). A line whose
    variant was deleted since cannot be bought again."""
    order = order_of(request.user, number)
    cart = Cart(request)
    lines = list(order.lines.select_related("variant__product"))
    variant_pks = [line.variant_id for line in lines if line.variant_id]
    buyable = set(inventory.purchasable(ProductVariant.objects.filter(pk__in=variant_pks)).values_list("pk", flat=True))
    added, missing = 0, []
    for line in lines:
        units = add_capped(cart, line.variant, line.quantity) if line.variant_id in buyable else 0
        added += units
        if units < line.quantity and (line.variant is None or cart.quantity_of(line.variant) < line.quantity):
            missing.append(line.title)
    if added:
        messages.success(
            request,
            ngettext("%(count)d unit was added to your cart.", "%(count)d units were added to your cart.", added)
            % {"count": added},
        )
    if missing:
        messages.warning(
            request, _("Not available in the quantity you ordered: %(titles)s.") % {"titles": ", ".join(missing)}
        )
    return redirect("cart:detail")


@account_page
@require_GET
def addresses(request):
    context = {"addresses": Address.objects.filter(user=request.user), "section": "addresses"}
    return TemplateResponse(request, "accounts/addresses.html", context)


@account_page
@require_http_methods(["GET", "POST"])
def address_edit(request, pk=None):
    address = get_object_or_404(Address, pk=pk, user=request.user) if pk else Address(user=request.user)
    form = AddressForm(request.POST if request.method == "POST" else None, instance=address)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if form.cleaned_data["is_default"] or not Address.objects.filter(user=request.user).exclude(pk=pk).exists():
                Address.objects.filter(user=request.user, is_default=True).exclude(pk=pk).update(is_default=False)
                form.instance.is_default = True
            form.save()
        messages.success(request, _("The address is saved."))
        return redirect("accounts:addresses")
    context = {"form": form, "address": address, "section": "addresses"}
    return TemplateResponse(request, "accounts/address_form.html", context)


@account_page
@require_POST
def address_delete(request, pk):
    address = get_object_or_404(Address, pk=pk, user=request.user)
    with transaction.atomic():
        address.delete()
        if address.is_default and (first := Address.objects.filter(user=request.user).first()):
            first.is_default = True
            first.save(update_fields=["is_default"])
    messages.success(request, _("The address is deleted."))
    return redirect("accounts:addresses")


@account_page
@require_http_methods(["GET", "POST"])
def profile(request):
    user = request.user
    profile, _created = Profile.objects.get_or_create(user=user)
    initial = {"first_name": user.first_name, "last_name": user.last_name, "language": profile.language}
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        update_profile(user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return TemplateResponse(request, "accounts/profile.html", {"form": form, "section": "profile"})


@account_page
@require_GET
def download_data(request):
    """The customer's data as a JSON file."""
    data = privacy.export_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"my-data-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@account_page
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.delete_account(user)
        messages.success(request, _("Your account is deleted. Your orders are kept without your personal details."))
        return redirect("/")
    return TemplateResponse(request, "accounts/delete.html", {"form": form, "section": "privacy"})
