"""Giving money back. A shop manager refunds an order or chosen lines (`refund_order`); a payment that cannot
be applied is given back on its own (`make_good`); a refund made in the provider's dashboard is recorded from
its events (`record_provider_refunds`, `update_refund`); a dispute flags the order (`record_dispute`).

Every refund gives back from one `Payment` of the order (`Refund.payment`), through that payment's provider.
Payments (a higher layer) call the functions here; this package never imports them, and the tasks it needs run
are announced by `checkout.signals`.

Every change of an order's refunds happens under its row lock, and `Order.refunded_amount` can never pass
the order's total (checked here, and by a CHECK constraint): a double click, two shop managers or a refund
racing the provider's event cannot give back more than was paid.
"""

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checkout.orders.alerts import raise_alert
from checkout.orders.models import Alert, Order, OrderLine
from checkout.signals import credit_note_due, make_good_due
from coupons import services as coupon_services
from products import inventory
from storefront.money import from_minor_units, quantize

from . import processing
from .models import Refund, RefundLine

logger = logging.getLogger(__name__)


class RefundError(Exception):
    """A refund the shop manager asked for cannot be made; `message` says why, in their language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- What can be refunded -------------------------------------------------------------------------------


def refundable_quantities(order: Order) -> dict[int, int]:
    """{order line pk: units not refunded yet}."""
    return {line.pk: line.quantity - line.refunded_quantity for line in order.lines.all()}


def remaining(order: Order) -> Decimal:
    """What is left of the order's payment to give back."""
    return order.total - order.refunded_amount


def line_share(line: OrderLine, quantity: int) -> Decimal:
    """What `quantity` more units of `line` give back: their share of the line's gross (its price less its share
    of the order's discount, tax included, frozen when the order was placed), rounded half up to the cent.

    Computed as the difference of the rounded shares after and before these units, so that refunding a line's
    units in any number of steps gives back exactly its gross.
    """
    before = line.refunded_quantity
    return quantize(line.gross * (before + quantity) / line.quantity) - quantize(line.gross * before / line.quantity)


def lines_amount(order: Order, quantities: dict[OrderLine, int]) -> Decimal:
    """What giving back these units costs: the sum of their `line_share`s.

    Shipping is given back only with the whole order: when the units are all that is left of the order, the
    amount is exactly what remains (shipping included), so the refunds of an order always add up to its total.
    A partial refund gives back the units' goods and their tax, not a share of shipping.
    """
    amount = sum((line_share(line, quantity) for line, quantity in quantities.items()), Decimal("0"))
    chosen = {line.pk: quantity for line, quantity in quantities.items()}
    takes_everything = all(chosen.get(pk, 0) == units for pk, units in refundable_quantities(order).items())
    return remaining(order) if takes_everything else min(amount, remaining(order))


# --- A shop manager's refund ------------------------------------------------------------------------------


def refund_order(
    order: Order, *, quantities: dict[int, int] | None = None, restock=(), reason="", by=None, request_key=None
) -> Refund:
    """Give back the whole order (`quantities` None) or these units {order line pk: quantity}; return the refund.

    `restock`: the order line pks whose refunded units go back to stock. The refund is sent to the provider of the
    payment that paid the order (with an idempotency key) while the order is locked; when it accepts, the order
    records the amount and moves to partially refunded or refunded, the payment too, the lines their refunded
    units, the stock its returns, and a full refund releases the coupon's use. When it refuses, the refund is kept
    as failed, nothing else changes, and the shop managers are alerted. A repeated `request_key` (a double
    submit) returns the first refund.
    Raises `RefundError` for a refund that cannot be made (nothing left, more units than were bought...).
    """
    if request_key and (existing := Refund.objects.filter(request_key=request_key).first()):
        return existing
    with transaction.atomic():
        order = Order.objects.locked(order)
        if request_key and (existing := Refund.objects.filter(request_key=request_key).first()):
            return existing
        if order.status == Order.Status.REFUNDED:
            raise RefundError(_("This order has already been refunded in full."))
        if order.status not in Order.REFUNDABLE:
            raise RefundError(_("Only a paid order can be refunded."))
        payment = order.payments.paying()
        if payment is None or payment.amount <= 0:
            raise RefundError(_("This order has no payment to refund."))
        units = _units(order, quantities)
        amount = lines_amount(order, units)
        if amount <= 0:
            raise RefundError(_("There is nothing left to refund on this order."))
        refund = Refund.objects.create(
            order=order,
            kind=Refund.Kind.MANUAL,
            amount=amount,
            currency=order.currency,
            reason=reason,
            payment=payment,
            payment_intent_id=payment.payment_intent_id,
            request_key=request_key or None,
            created_by=by,
        )
        restock = {int(pk) for pk in restock}
        RefundLine.objects.bulk_create(
            RefundLine(
                refund=refund,
                order_line=line,
                quantity=quantity,
                amount=min(line_share(line, quantity), amount),
                restock=line.pk in restock,
            )
            for line, quantity in units.items()
        )
        processing.send(refund)
        refund.save(update_fields=["status", "provider_refund_id", "failure_message", "updated_at"])
        if refund.counts:
            _apply(order, refund, by=by)
        else:
            raise_alert(
                Alert.Kind.REFUND_FAILED,
                f"Refund of {amount} {order.currency} failed: {refund.failure_message}",
                order,
            )
    return refund


def _units(order: Order, quantities: dict[int, int] | None) -> dict[OrderLine, int]:
    """{order line: units to refund}, checked against what is left of each line."""
    left = refundable_quantities(order)
    lines = {line.pk: line for line in order.lines.all()}
    if quantities is None:
        return {lines[pk]: units for pk, units in left.items() if units > 0}
    chosen = {}
    for pk, quantity in quantities.items():
        if int(pk) not in lines:
            raise RefundError(_("That line is not part of this order."))
        if quantity < 0 or quantity > left[int(pk)]:
            raise RefundError(
                _("At most %(count)s of “%(title)s” can still be refunded.")
                % {"count": left[int(pk)], "title": lines[int(pk)].title}
            )
        if quantity:
            chosen[lines[int(pk)]] = quantity
    if not chosen:
        raise RefundError(_("Choose at least one unit to refund."))
    return chosen


def _apply(order: Order, refund: Refund, *, by=None) -> None:
    """Record a refund the provider accepted on the locked order: amount, payment, lines, stock, coupon, status,
    credit note."""
    Order.objects.filter(pk=order.pk).update(refunded_amount=F("refunded_amount") + refund.amount)
    order.refresh_from_db(fields=["refunded_amount"])
    if refund.payment:
        refund.payment.record_refunded(order.refunded_amount)
    returned = {}
    for line in refund.lines.select_related("order_line"):
        OrderLine.objects.filter(pk=line.order_line_id).update(refunded_quantity=F("refunded_quantity") + line.quantity)
        if line.restock and line.order_line.variant_id:
            variant_id = line.order_line.variant_id
            returned[variant_id] = returned.get(variant_id, 0) + line.quantity
    inventory.restock(returned)
    if returned:
        Refund.objects.filter(pk=refund.pk).update(restocked=True)
    full = order.refunded_amount == order.total
    if full:
        coupon_services.release(order)
    note = f"Refund of {refund.amount} {refund.currency}" + (f": {refund.reason}" if refund.reason else "")
    order.move_to(Order.Status.REFUNDED if full else Order.Status.PARTIALLY_REFUNDED, by=by, note=note)
    logger.info("Order %s: %s", order.number, note)
    _queue_credit_note(refund)


def _queue_credit_note(refund: Refund) -> None:
    """After the commit, issue and email the credit note of a refund of the order's payment that succeeded (a
    pending one gets it when the provider says it succeeded; the task checks `Refund.objects.credited()` again)."""
    if refund.kind in Refund.CREDITED_KINDS and refund.status == Refund.Status.SUCCEEDED:
        transaction.on_commit(lambda: credit_note_due.send(Refund, refund_pk=refund.pk), robust=True)


# --- Payments that cannot be applied ----------------------------------------------------------------------


def make_good(order: Order, *, payment, amount_minor: int, currency: str, reason: str) -> Refund:
    """Give back `payment` (a `Payment` of `order` that took money the order cannot take), once per payment; call
    inside the transaction that decided so (the order is locked). `reason`: a key of
    `checkout.orders.emails.REFUND_REASONS`. The refund is sent by a task after the commit, which then emails the
    customer; the shop managers are alerted now."""
    payment_intent_id = payment.payment_intent_id
    refund, created = Refund.objects.get_or_create(
        kind=Refund.Kind.AUTOMATIC,
        payment_intent_id=payment_intent_id,
        defaults={
            "order": order,
            "payment": payment,
            "amount": from_minor_units(amount_minor, currency),
            "currency": currency.lower(),
            "reason": reason,
        },
    )
    if created:
        raise_alert(
            Alert.Kind.PAYMENT_NOT_APPLIED,
            f"Payment {payment_intent_id} of {refund.amount} {refund.currency} could not be applied ({reason}); "
            "it is refunded automatically.",
            order,
        )
        transaction.on_commit(lambda: make_good_due.send(Refund, refund_pk=refund.pk), robust=True)
    return refund


# --- What the provider tells us ---------------------------------------------------------------------------


def record_provider_refunds(order: Order, payment, amount_refunded_minor: int, currency: str) -> str:
    """The provider has given back `amount_refunded_minor` of `payment` (the order's payment) in all. What our own
    refunds do not account for was refunded in the provider's dashboard: it is recorded once, as an external
    refund of the order (no lines, no stock back). Returns what was done."""
    with transaction.atomic():
        order = Order.objects.locked(order)
        known = sum((r.amount for r in payment.refunds.all() if r.counts), Decimal("0"))
        unknown = from_minor_units(amount_refunded_minor, currency) - known
        if unknown <= 0:
            return "Every refund of this payment is recorded already"
        unknown = min(unknown, remaining(order))
        if unknown <= 0 or order.status not in Order.REFUNDABLE:
            return f"Order is {order.status}: nothing more to record"
        refund = Refund.objects.create(
            order=order,
            payment=payment,
            kind=Refund.Kind.EXTERNAL,
            status=Refund.Status.SUCCEEDED,
            amount=unknown,
            currency=order.currency,
            reason="Refunded in the payment provider's dashboard",
            payment_intent_id=payment.payment_intent_id,
        )
        _apply(order, refund)
    return f"Recorded a refund of {unknown} made outside the shop"


def update_refund(order: Order, provider_refund_id: str, status: str, failure_reason: str = "") -> str:
    """A refund of ours changed at the provider (a pending one succeeded, or failed later); `status`: a
    `Refund.Status` value, '' when the provider's is unknown. A failed refund gives its amount back to what can be
    refunded, and alerts the shop managers."""
    with transaction.atomic():
        order = Order.objects.locked(order)
        refund = order.refunds.filter(provider_refund_id=provider_refund_id).first() if provider_refund_id else None
        if refund is None:
            return "Not a refund of ours (one made elsewhere is recorded from the payment's refunded amount)"
        status = Refund.Status(status) if status else refund.status
        if status == refund.status:
            return f"Refund already {status}"
        was_counted = refund.counts
        refund.status = status
        refund.failure_message = failure_reason or refund.failure_message
        refund.save(update_fields=["status", "failure_message", "updated_at"])
        _queue_credit_note(refund)
        if was_counted and not refund.counts and refund.kind != Refund.Kind.AUTOMATIC:
            Order.objects.filter(pk=order.pk).update(refunded_amount=F("refunded_amount") - refund.amount)
            if refund.payment:
                order.refresh_from_db(fields=["refunded_amount"])
                refund.payment.record_refunded(order.refunded_amount)
            raise_alert(
                Alert.Kind.REFUND_FAILED,
                f"Refund {refund.provider_refund_id} of {refund.amount} {refund.currency} is {status} at the provider",
                order,
            )
    return f"Refund {refund.provider_refund_id} is {status}"


def record_dispute(order: Order, dispute: str, reason: str) -> str:
    """The customer's bank disputes the payment (`dispute`: which, on what payment, how much). The order is
    flagged (once) and the shop managers are alerted: answering a dispute is a person's job, in the provider's
    dashboard."""
    with transaction.atomic():
        order = Order.objects.locked(order)
        if order.disputed_at:
            return "Dispute already recorded"
        order.disputed_at = timezone.now()
        order.save(update_fields=["disputed_at", "updated_at"])
        raise_alert(
            Alert.Kind.DISPUTE,
            f"Dispute {dispute}, reason {reason!r}. Answer it in the payment provider's dashboard before its deadline.",
            order,
        )
    return "Dispute recorded"
