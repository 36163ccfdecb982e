"""The local test-card page (`providers.offline.OfflineProvider`'s hosted page), for development without keys
or network.

It exists only where the active provider is the test-card page and `STRIPE_OFFLINE_ALLOWED` is on; elsewhere every
URL here is a 404. It knows Stripe's test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined,
4000 0025 0000 3155 first asks for a 3-D Secure confirmation. A payment feeds the provider's completed event to the
same `events.handle_event` as the webhook.
"""

import re
from datetime import date

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from checkout.orders.models import Order
from storefront.money import from_minor_units

from . import events, paths, providers
from .errors import PaymentDeclined
from .models import Payment
from .providers.offline import OfflineProvider

SUCCEEDS, DECLINED, AUTHENTICATES = "succeeds", "declined", "authenticates"
TEST_CARDS = {
    "4242424242424242": SUCCEEDS,
    "4000000000000002": DECLINED,
    "4000002500003155": AUTHENTICATES,
}
CHALLENGE_SALT = "checkout.offline.3ds"
CHALLENGE_MAX_AGE = 15 * 60


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


class CardForm(forms.Form):
    """A card as Stripe's page asks for it: number, expiry date (MM / YY), CVC; validated the same way."""

    number = forms.CharField(
        label=_("Card number"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"autocomplete": "cc-number", "inputmode": "numeric", "placeholder": "1234 1234 1234 1234"}
        ),
    )
    expiry = forms.CharField(
        label=_("Expiry date"),
        max_length=9,
        widget=forms.TextInput(attrs={"autocomplete": "cc-exp", "placeholder": _("MM / YY")}),
    )
    cvc = forms.CharField(
        label=_("CVC"),
        max_length=4,
        widget=forms.TextInput(attrs={"autocomplete": "cc-csc", "inputmode": "numeric", "placeholder": "123"}),
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or date.today()

    def clean_number(self):
        digits = re.sub(r"[\s-]", "", self.cleaned_data["number"])
        if not digits.isdigit() or not 12 <= len(digits) <= 19 or not luhn_valid(digits):
            raise forms.ValidationError(_("Your card number is invalid."), code="invalid_number")
        if digits not in TEST_CARDS:
            raise forms.ValidationError(_("This test page only accepts the test cards listed below."), code="unknown")
        return digits

    def clean_expiry(self):
        match = re.fullmatch(r"\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*", self.cleaned_data["expiry"])
        if not match or not 1 <= int(match[1]) <= 12:
            raise forms.ValidationError(_("Enter the expiry date as MM / YY."), code="invalid_expiry")
        month, year = int(match[1]), int(match[2])
        year = year + 2000 if year < 100 else year
        if (year, month) < (self.today.year, self.today.month):
            raise forms.ValidationError(_("Your card's expiry date is in the past."), code="expired")
        return year, month

    def clean_cvc(self):
        cvc = self.cleaned_data["cvc"].strip()
        if not re.fullmatch(r"\d{3,4}", cvc):
            raise forms.ValidationError(_("Your card's security code is incomplete."), code="invalid_cvc")
        return cvc


def _offline_order(token: str) -> Order:
    if not settings.STRIPE_OFFLINE_ALLOWED or providers.active().name != OfflineProvider.name:
        raise Http404("The test-card page is not available here")
    return get_object_or_404(Order, token=token)


def _started(order: Order) -> Payment | None:
    """The order's attempt this page takes, if the order is payable and its latest attempt is on this page."""
    payment = order.payments.current()
    if order.is_payable and payment and payment.provider == OfflineProvider.name and payment.status in Payment.OPEN:
        return payment
    return None


def _pay(order: Order, payment: Payment):
    provider = providers.active()
    events.handle_event(provider.completed_event(order, payment.session_id), provider=provider)
    return redirect(paths.success_path(order, payment.session_id))


@never_cache
def pay(request, token):
    """The test-card form."""
    order = _offline_order(token)
    payment = _started(order)
    if payment is None:
        return redirect(paths.status_path(order))
    form = CardForm(request.POST) if request.method == "POST" else CardForm()
    if form.is_valid():
        behaviour = TEST_CARDS[form.cleaned_data["number"]]
        if behaviour == SUCCEEDS:
            return _pay(order, payment)
        if behaviour == AUTHENTICATES:
            challenge = signing.dumps({"order": order.number, "session": payment.session_id}, salt=CHALLENGE_SALT)
            return redirect(f"{reverse('payment:offline_3ds', args=[order.token])}?challenge={challenge}")
        form.add_error("number", PaymentDeclined.shopper_message)
    return render(
        request,
        "checkout/payment/offline.html",
        {
            "order": order,
            "form": form,
            "amount": from_minor_units(OfflineProvider().amount_charged(order), order.currency),
            "cancel_url": paths.order_page_path(order),
            "test_cards": ["4242 4242 4242 4242", "4000 0000 0000 0002", "4000 0025 0000 3155"],
        },
    )


@never_cache
def authenticate(request, token):
    """The 3-D Secure step: the shopper completes or fails the authentication."""
    order = _offline_order(token)
    challenge = request.POST.get("challenge") or request.GET.get("challenge", "")
    try:
        data = signing.loads(challenge, salt=CHALLENGE_SALT, max_age=CHALLENGE_MAX_AGE)
    except signing.BadSignature:
        data = {}
    payment = _started(order)
    if payment is None or data != {"order": order.number, "session": payment.session_id}:
        return redirect(paths.status_path(order))
    if request.method == "POST":
        if request.POST.get("action") == "complete":
            return _pay(order, payment)
        messages.error(request, _("The card's authentication failed. Please try again or use another card."))
        return redirect("payment:offline", order.token)
    return render(
        request,
        "checkout/payment/offline_3ds.html",
        {
            "order": order,
            "challenge": challenge,
            "amount": from_minor_units(OfflineProvider().amount_charged(order), order.currency),
        },
    )
