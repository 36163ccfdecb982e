"""Where an order becomes paid (or stops waiting for a payment), whoever brings the news.

`mark_paid` is the only way an order becomes paid. The webhook (`events`), the shopper's return to the status
page (`confirm_return`), a new attempt finding the previous one paid, and the catch-up of a free order all call
it with a provider-neutral `Session`. It locks the order, so concurrent callers serialise, and it is idempotent:
a second call for a paid order changes nothing. A payment the order cannot take (a second payment, a wrong
amount or currency, an order cancelled or expired meanwhile, a coupon used up by a racing payment) is recorded
on its `Payment` and given back once, automatically (`checkout.refunds.services.make_good`).
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from checkout import tasks
from checkout.orders.models import Order
from checkout.orders.purchases import record_paid_order
from checkout.orders.reservations import release_stock
from checkout.refunds.services import make_good
from coupons import services as coupon_services
from coupons.services import CouponError
from storefront.money import from_minor_units, to_minor_units

from . import providers
from .errors import PaymentError
from .models import Payment, PaymentEvent
from .providers import PaymentProvider, Session

logger = logging.getLogger(__name__)

Outcome = PaymentEvent.Outcome
# The orders the provider is asked about when their shopper comes back: those waiting for the payment, and those
# that stopped waiting meanwhile (the payment, if made, is then given back at once).
RETURN_CHECKED_STATUSES = frozenset({Order.Status.PENDING, Order.Status.CANCELLED, Order.Status.EXPIRED})


@dataclass(frozen=True)
class Result:
    """What processing a session or an event did: an outcome, the order and payment it concerned, and why."""

    outcome: str
    order: Order | None
    message: str
    payment: Payment | None = None


def no_order(provider: PaymentProvider, subject: str, subject_id: str) -> Result:
    """A session, charge, refund or dispute that names no order of this shop (another shop on the same account)."""
    logger.warning("%s %s %s matches no order; ignored", provider.label, subject, subject_id)
    return Result(Outcome.IGNORED, None, f"No order for this {subject}")


def order_for(session: Session) -> Order | None:
    """The order a session names, else the order of the attempt it was opened for."""
    if session.order_number:
        return Order.objects.filter(number=session.order_number).first()
    if session.id:
        payment = Payment.objects.filter(session_id=session.id).select_related("order").first()
        return payment.order if payment else None
    return None


def _attempt(order: Order, session: Session, provider: PaymentProvider) -> Payment:
    """The order's attempt this session belongs to; one is recorded for a session the shop did not open (a row per
    session, whoever opened it). The caller holds the order's lock."""
    payment = order.payments.filter(provider=provider.name, session_id=session.id).first() if session.id else None
    if payment is None:
        payment = Payment.objects.create(
            order=order,
            provider=provider.name,
            session_id=session.id,
            amount=order.total,
            currency=order.currency,
            status=Payment.Status.PENDING,
        )
    return payment


def _record_taken(payment: Payment, session: Session) -> None:
    """The session's money was taken: the attempt records what, and by which payment of the provider."""
    payment.status = Payment.Status.SUCCEEDED
    payment.payment_intent_id = session.payment_reference or payment.payment_intent_id
    payment.livemode = session.livemode
    if session.amount_minor is not None and session.currency:
        payment.amount = from_minor_units(session.amount_minor, session.currency)
        payment.currency = session.currency
    payment.save()


def _not_applied(order: Order, payment: Payment, session: Session, reason: str, message: str) -> Result:
    """A payment we cannot apply to the order: it is given back in full, automatically and once
    (`checkout.refunds.services.make_good`: the customer is emailed, the shop managers alerted)."""
    amount = session.amount_minor
    if session.paid and session.payment_reference and isinstance(amount, int) and amount > 0:
        _record_taken(payment, session)
        currency = session.currency or order.currency
        make_good(order, payment=payment, amount_minor=amount, currency=currency, reason=reason)
        message = f"{message}; refunded automatically"
    else:
        logger.error("Order %s: %s (no payment to refund)", order.number, message)
    return Result(Outcome.MISMATCH, order, message, payment)


def mark_paid(session: Session, *, provider: PaymentProvider, source: str) -> Result:
    """Mark the session's order paid if the session is paid in full; exactly once, whoever calls.

    Checks, with the order locked: already paid (nothing to do, unless it is a second payment), that the session
    is paid, the amount and currency against the order, and that the order is still pending. A payment that
    cannot be applied is recorded as a mismatch and refunded automatically, once; the order is never marked paid
    by it.
    """
    order = order_for(session)
    if order is None:
        return no_order(provider, "session", session.id)

    with transaction.atomic():
        order = Order.objects.locked(order)
        payment = _attempt(order, session, provider)
        intent = session.payment_reference
        if order.is_paid:
            paying = order.payments.paying()
            if intent and paying and paying.payment_intent_id and intent != paying.payment_intent_id:
                return _not_applied(
                    order,
                    payment,
                    session,
                    "already_paid",
                    f"Second payment {intent} for an order already paid by {paying.payment_intent_id}",
                )
            return Result(Outcome.IGNORED, order, "Already paid", payment)
        if not session.paid:
            return Result(Outcome.IGNORED, order, f"Session {session.id} is {session.state}: not paid yet", payment)

        expected = to_minor_units(order.total, order.currency)
        if session.amount_minor != expected or session.currency != order.currency.lower():
            return _not_applied(
                order,
                payment,
                session,
                "amount_mismatch",
                f"{provider.label} charged {session.amount_minor} {session.currency}, "
                f"the order is {expected} {order.currency.lower()}",
            )
        if order.status != Order.Status.PENDING:
            reason = "order_cancelled" if order.status == Order.Status.CANCELLED else "order_expired"
            return _not_applied(
                order, payment, session, reason, f"Payment {intent} arrived for an order that is {order.status}"
            )
        refusal = _redeem_coupon(order)
        if refusal:
            # Payments of a limited coupon raced and this one lost: exactly one order keeps the discount.
            order.move_to(Order.Status.FAILED, note=refusal)
            release_stock(order)
            return _not_applied(order, payment, session, "coupon_used_up", refusal)

        _record_taken(payment, session)
        order.move_to(
            Order.Status.PAID, note=f"{provider.label} session {session.id} ({source})", paid_at=timezone.now()
        )
        transaction.on_commit(lambda: _after_paid_commit(order), robust=True)
    logger.info("Order %s paid (%s %s, %s)", order.number, provider.name, intent, source)
    return Result(Outcome.PROCESSED, order, f"Paid ({source})", payment)


def _redeem_coupon(order: Order) -> str:
    """Count the coupon's use inside the paying transaction; the reason it was refused, or '' when it was not."""
    try:
        coupon_services.redeem(order)
    except CouponError as error:
        return f"Coupon {order.coupon_code} could not be redeemed: {error}"
    return ""


def _after_paid_commit(order: Order) -> None:
    """Runs once the payment is committed: record the co-purchases and queue the invoice."""
    record_paid_order(order)
    tasks.issue_invoice.delay(order.pk)


def end_with_session(session: Session, provider: PaymentProvider, end, what: str) -> Result:
    """A session closed unpaid (`what`: "expired") or its delayed payment failed ("failed"): its attempt says so,
    and the order fails or expires (`end`) if it is still pending and this session is its latest attempt."""
    order = order_for(session)
    if order is None:
        return no_order(provider, "session", session.id)
    with transaction.atomic():
        order = Order.objects.locked(order)
        payment = order.payments.filter(provider=provider.name, session_id=session.id).first()
        if payment and payment.status in Payment.OPEN:
            payment.status = Payment.Status.FAILED if what == "failed" else Payment.Status.CANCELLED
            payment.save(update_fields=["status", "updated_at"])
        if order.status != Order.Status.PENDING:
            return Result(Outcome.IGNORED, order, f"Order is {order.status}", payment)
        latest = order.payments.current()
        if latest is None or session.id != latest.session_id:
            return Result(Outcome.IGNORED, order, f"Session {session.id} was replaced by a newer attempt", payment)
        order = end(order, note=f"{provider.label} session {session.id} {what}")
    return Result(Outcome.PROCESSED, order, f"Order {order.status}", payment)


def confirm_return(order: Order, session_id: str) -> Result | None:
    """The shopper is back from the provider's page: ask the provider about the session, and mark the order paid
    if it is.

    Nothing is taken from the URL but the session id, and only if it is the order's latest attempt's; what
    counts is what the provider answers. None when there is nothing to ask (not this order's session, paid or
    failed already, a provider this shop no longer has) or the provider does not answer (the webhook will do
    it). An order cancelled or expired while its shopper was paying is asked about too: `mark_paid` then refunds
    the payment it can no longer take (once per payment, whoever comes first), and the page can say so.
    """
    payment = order.payments.current()
    if (
        not session_id
        or payment is None
        or session_id != payment.session_id
        or payment.status not in Payment.OPEN
        or order.status not in RETURN_CHECKED_STATUSES
    ):
        return None
    provider = providers.named(payment.provider)
    if provider is None:
        return None
    try:
        session = provider.retrieve_session(session_id, order.number)
    except PaymentError:
        return None
    if session.order_number != order.number:
        logger.error("%s session %s does not belong to order %s", provider.label, session_id, order.number)
        return None
    return mark_paid(session, provider=provider, source="success page")
