"""The shopper's side of paying: start a payment, come back from it, download the invoice and credit notes.

Every page is reached with the order's secret token; the views fetch, check and call `checkout.payments.start`
and `checkout.payments.settle`.
"""

import logging

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from checkout.invoices.views import credit_note_response, invoice_response
from checkout.orders.models import Order
from checkout.orders.session import forget_paid_order
from storefront.money import minimum_charge

from . import paths
from .errors import PaymentError
from .settle import confirm_return
from .start import below_minimum_charge, start_payment

logger = logging.getLogger(__name__)

# The "confirming your payment" page reloads itself every few seconds, for two minutes at most.
REFRESH_SECONDS = 3
MAX_REFRESHES = 40


def _order(token: str) -> Order:
    return get_object_or_404(Order, token=token)


@require_POST
def start(request, token):
    """The pay (or try again) button: open a payment attempt and go to the provider's page."""
    order = _order(token)
    try:
        url = start_payment(order, request)
    except PaymentError as exc:
        logger.info("Order %s: payment not started: %s", order.number, exc)
        messages.error(request, exc.shopper_message)
        return redirect(paths.order_page_path(order))
    return redirect(url)


def _count(value: str) -> int:
    return int(value) if value.isdigit() else 0


@never_cache
@require_GET
def status(request, token):
    """Where the provider sends the shopper back: the paid order, or "confirming your payment" until it is paid."""
    order = _order(token)
    session_id = request.GET.get("session_id", "")
    if confirm_return(order, session_id):
        order.refresh_from_db()
    paid = order.is_paid
    if paid:
        forget_paid_order(request, order)
    current = order.payments.current()
    returned = bool(session_id) and current is not None and session_id == current.session_id
    refreshes = _count(request.GET.get("refresh", ""))
    waiting = returned and order.status == Order.Status.PENDING
    context = {
        "order": order,
        "lines": order.lines.all(),
        "paid": paid,
        "waiting": waiting and refreshes < MAX_REFRESHES,
        "gave_up": waiting and refreshes >= MAX_REFRESHES,
        "refresh_seconds": REFRESH_SECONDS,
        "refresh_url": f"{paths.success_path(order, session_id)}&refresh={refreshes + 1}" if waiting else "",
        "session_id": current.session_id if current else "",
        # A payment that arrived when the order could no longer take it (cancelled meanwhile...) is refunded.
        "given_back": order.refunds.not_applied(),
    }
    if below_minimum_charge(order):
        context["minimum_charge"] = minimum_charge(order.currency)
    return render(request, "checkout/payment/status.html", context)


@never_cache
@require_GET
def invoice(request, token):
    """The paid order's invoice PDF, for the shopper who holds the order's link."""
    return invoice_response(_order(token), request)


@never_cache
@require_GET
def credit_note(request, token, number):
    """A credit note PDF of the order, for the shopper who holds the order's link."""
    return credit_note_response(_order(token), number, request)


@never_cache
@require_GET
def invoice_xml(request, token):
    """The paid order's e-invoice XML (Factur-X / EN 16931), for the shopper who holds the order's link."""
    return invoice_response(_order(token), request, xml=True)


@never_cache
@require_GET
def credit_note_xml(request, token, number):
    """A credit note's e-invoice XML, for the shopper who holds the order's link."""
    return credit_note_response(_order(token), number, request, xml=True)
