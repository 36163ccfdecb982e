"""Where an order becomes paid: starting a payment, and marking it paid exactly once whatever Stripe sends.

`start_payment` opens a Stripe Checkout session (or, with no keys where it is allowed, the local test-card
page). `mark_paid` is the only way an order becomes paid; the webhook, the success page and the offline page all
call it with a Stripe-shaped session. It locks the order, so concurrent callers serialise, and it is
idempotent: a second call for a paid order changes nothing. `handle_event` stores each Stripe event once by
its id before dispatching it, so a repeated delivery is recognised and not processed again.
"""

import logging
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from checkout import tasks
from checkout.orders.models import InvalidTransition, Order
from checkout.orders.purchases import record_paid_order
from checkout.orders.reservations import expire_order, fail_order, release_stock
from checkout.orders.services import cancel_order
from checkout.refunds.services import make_good, record_dispute, record_stripe_refunds, update_from_stripe
from checkout.shipping import options as shipping
from coupons import services as coupon_services
from coupons.services import CouponError
from storefront import money
from storefront.money import format_money, to_minor_units

from . import gateway
from .errors import BelowMinimumCharge, OrderNotPayable, PaymentError, PaymentUnavailable
from .models import PaymentEvent

logger = logging.getLogger(__name__)

OFFLINE_SESSION_PREFIX = "cs_offline_"
# A completed session's payment statuses that settle the order: paid, or nothing to pay (a zero total).
SETTLED_PAYMENT_STATUSES = {"paid", "no_payment_required"}
# The "session" of an order that costs nothing: no Stripe call is made for it.
FREE_SESSION_PREFIX = "cs_free_"
ORDER_PAGE_URL_NAME = "checkout:order"
# The orders Stripe is asked about when their shopper comes back: those waiting for the payment, and those that
# stopped waiting meanwhile (the payment, if made, is then given back at once).
RETURN_CHECKED_STATUSES = frozenset({Order.Status.PENDING, Order.Status.CANCELLED, Order.Status.EXPIRED})

Outcome = PaymentEvent.Outcome


@dataclass(frozen=True)
class Result:
    """What processing a Stripe session or event did: an outcome, the order it concerned, and why."""

    outcome: str
    order: Order | None
    message: str


def offline_mode() -> bool:
    """True when the local test-card page stands in for Stripe: no secret key, and settings allow it."""
    return not settings.STRIPE_SECRET_KEY and settings.STRIPE_OFFLINE_ALLOWED


# --- URLs the shopper comes back to -----------------------------------------------------------------


def status_path(order: Order) -> str:
    with translation.override(order.language):
        return reverse("payment:status", args=[order.token])


def order_page_path(order: Order) -> str:
    """The shopper's order page (with its pay box), in the order's language."""
    with translation.override(order.language):
        try:
            return reverse(ORDER_PAGE_URL_NAME, kwargs={"token": order.token})
        except NoReverseMatch:
            return reverse("payment:status", args=[order.token])


def success_path(order: Order, session_id: str) -> str:
    return f"{status_path(order)}?session_id={session_id}"


# --- Starting a payment -----------------------------------------------------------------------------


def below_minimum_charge(order: Order) -> bool:
    """Whether the order costs something, but less than Stripe can charge: it can never be paid as it is (checkout
    refuses such an order; one placed before it did is told so on its pages)."""
    return money.below_minimum_charge(order.total, order.currency)


def start_payment(order: Order, request) -> str:
    """Open a new payment attempt for `order` and return where to send the shopper.

    The order's row stays locked from the check to the stored session, so concurrent "Pay now" presses (two
    tabs, a double click, several web workers) take turns: each closes the session the previous one opened
    before opening its own, and at most one Checkout Session of the order is ever open at Stripe. A payment
    that still completes on a closed session is refunded (`mark_paid`). An order whose total is zero (a 100%
    coupon) needs no payment and is completed at once, as Stripe's `no_payment_required`.

    Raises `OrderNotPayable` for an order that is not pending or whose reservation is over,
    `BelowMinimumCharge` for a total Stripe cannot charge, and `PaymentError` (with a shopper message) when
    Stripe fails; the order then stays payable.
    """
    offline = offline_mode()
    if not offline and not settings.STRIPE_SECRET_KEY:
        logger.error("Order %s: no STRIPE_SECRET_KEY and the offline page is not allowed", order.number)
        raise PaymentError("Stripe is not configured")

    _recheck_coupon(order)
    _recheck_shipping(order)
    failure = None
    with transaction.atomic():
        order = Order.objects.locked(order)
        if not order.is_payable:
            raise OrderNotPayable(f"Order {order.number} is {order.status}, reserved until {order.reserved_until}")
        if below_minimum_charge(order):
            minimum = money.minimum_charge(order.currency)
            raise BelowMinimumCharge(
                f"Order {order.number}: {order.total} is below Stripe's minimum charge {minimum}",
                total=format_money(order.total, order.currency),
                minimum=format_money(minimum, order.currency),
            )
        if order.total == 0:
            return _complete_without_payment(order)
        order.payment_attempts += 1
        update = ["payment_attempts", "updated_at"]
        expires_at = gateway.session_expiry(order.reserved_until)
        if not offline and expires_at > order.reserved_until:
            # Stripe keeps a session open 30 minutes at least: the stock stays reserved as long.
            order.reserved_until = expires_at
            update.append("reserved_until")
        order.save(update_fields=update)
        try:
            url = _open_session(order, request, expires_at, offline)
        except PaymentError as error:
            # The attempt is counted all the same (committed below), so the next one uses new idempotency keys:
            # Stripe answers a repeated key with the first answer, failure included.
            failure = error
    if failure:
        raise failure
    return url


def _open_session(order: Order, request, expires_at, offline: bool) -> str:
    """Close the previous attempt's session and open this attempt's; the caller holds the order's lock."""
    if offline:
        _store_session(order, OFFLINE_SESSION_PREFIX + secrets.token_hex(12))
        with translation.override(order.language):
            return reverse("payment:offline", args=[order.token])

    previous = order.stripe_session_id
    if previous and not previous.startswith(OFFLINE_SESSION_PREFIX):
        settled = _close_previous_session(order, previous)
        if settled:
            return settled
    session = gateway.create_checkout_session(
        order,
        attempt=order.payment_attempts,
        success_url=request.build_absolute_uri(status_path(order)) + "?session_id={CHECKOUT_SESSION_ID}",
        cancel_url=request.build_absolute_uri(order_page_path(order)),
        expires_at=expires_at,
    )
    _store_session(order, session["id"])
    logger.info("Order %s: Stripe session %s (attempt %s)", order.number, session["id"], order.payment_attempts)
    return session["url"]


def _complete_without_payment(order: Order) -> str:
    """A zero total (a 100% coupon): the order is paid as a Stripe session with `no_payment_required` would
    leave it, through `mark_paid` like any other payment. The caller holds the order's lock."""
    session = {
        "id": f"{FREE_SESSION_PREFIX}{secrets.token_hex(12)}",
        "client_reference_id": order.number,
        "status": "complete",
        "payment_status": "no_payment_required",
        "amount_total": 0,
        "currency": order.currency.lower(),
    }
    mark_paid(session, source="no payment required")
    return success_path(order, session["id"])


def _recheck_coupon(order: Order) -> None:
    """A coupon that stopped applying since the order was placed cancels the order (its stock returns, the cart
    stays) rather than charging a discount the shop no longer grants."""
    if not order.coupon_id or order.status != Order.Status.PENDING:
        return
    try:
        coupon_services.recheck(order)
    except CouponError as error:
        cancel_order(order, note=f"Coupon {order.coupon_code} no longer applies: {error}")
        raise OrderNotPayable(
            f"Order {order.number}: coupon {order.coupon_code} no longer applies",
            shopper_message=format_lazy(
                "{} {}", error.message, _("This order was cancelled and your cart kept: you can order again.")
            ),
        ) from error


def _recheck_shipping(order: Order) -> None:
    """A shipping method that stopped applying since the order was placed (deactivated, deleted, its zone no
    longer holding the country, the weight out of its new range) cancels the order (its stock returns, the cart
    stays) rather than shipping in a way the shop no longer offers. A changed price does not: the order keeps the
    price it was placed with."""
    if not order.shipping_name or order.status != Order.Status.PENDING:
        return
    method = order.shipping_method
    lines = order.lines.select_related("product", "variant__product")
    # A line whose variant was deleted since weighs its product's weight.
    weight = shipping.cart_weight((line.variant or line.product, line.quantity) for line in lines)
    if method is not None and shipping.applies(method, order.country, weight):
        return
    cancel_order(order, note=f"Shipping method {order.shipping_name} no longer applies to {order.country}")
    raise OrderNotPayable(
        f"Order {order.number}: shipping method {order.shipping_name} no longer applies",
        shopper_message=format_lazy(
            "{} {}",
            _("The shipping method of this order is not available any more."),
            _("This order was cancelled and your cart kept: you can order again."),
        ),
    )


def _store_session(order: Order, session_id: str) -> None:
    """Remember the attempt's session; the caller holds the order's lock, so no other attempt runs meanwhile."""
    order.stripe_session_id = session_id
    order.save(update_fields=["stripe_session_id", "updated_at"])


def _close_previous_session(order: Order, session_id: str) -> str:
    """Make sure the previous attempt's session cannot be paid as well; '' to go on with a new one.

    If it was completed meanwhile (its webhook not here yet), it is marked paid and the shopper is sent to the
    success page instead of being asked to pay twice.
    """
    try:
        session = gateway.retrieve_session(session_id, order.number)
        if session.get("status") == "complete":
            mark_paid(session, source="start_payment")
            return success_path(order, session_id)
        if session.get("status") == "open":
            gateway.expire_session(session_id, order.number)
    except PaymentUnavailable:
        raise
    except PaymentError as exc:
        # Stripe refuses: the session is unknown to these keys (test and live switched) or closed meanwhile.
        logger.warning(
            "Order %s: previous session %s not closed (%s); starting a new one", order.number, session_id, exc
        )
    return ""


def confirm_return(order: Order, session_id: str) -> Result | None:
    """The shopper is back from Stripe: ask Stripe about the session and mark the order paid if it is.

    Nothing is taken from the URL but the session id, and only if it is this order's session; what counts is
    what Stripe answers. None when there is nothing to ask (offline, not this order's session, paid or failed
    already) or Stripe does not answer (the webhook will do it). An order cancelled or expired while its shopper
    was paying is asked about too: `mark_paid` then refunds the payment it can no longer take (once per payment,
    whoever comes first), and the page the shopper lands on can say so.
    """
    if (
        offline_mode()
        or not session_id
        or session_id != order.stripe_session_id
        or session_id.startswith((OFFLINE_SESSION_PREFIX, FREE_SESSION_PREFIX))
        or order.status not in RETURN_CHECKED_STATUSES
    ):
        return None
    try:
        session = gateway.retrieve_session(session_id, order.number)
    except PaymentError:
        return None
    if session.get("client_reference_id") != order.number:
        logger.error("Stripe session %s does not belong to order %s", session_id, order.number)
        return None
    return mark_paid(session, source="success page")


# --- Becoming paid -------------------------------------------------------------------------------------


def _order_for(session: dict) -> Order | None:
    """The order a session names (its reference, else its metadata), else the order it was made for."""
    number = session.get("client_reference_id") or _metadata(session).get("order_number")
    if number:
        return Order.objects.filter(number=number).first() if isinstance(number, str) else None
    if isinstance(session.get("id"), str):
        return Order.objects.filter(stripe_session_id=session["id"]).first()
    return None


def _metadata(stripe_object: dict) -> dict:
    metadata = stripe_object.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def _no_order(stripe_object: dict) -> Result:
    """A session, charge, refund or dispute that names no order of this shop (another shop on the same account)."""
    kind = str(stripe_object.get("object") or "checkout.session").removeprefix("checkout.")
    logger.warning("Stripe %s %s matches no order; ignored", kind, stripe_object.get("id"))
    return Result(Outcome.IGNORED, None, f"No order for this {kind}")


def _payment_intent_id(session: dict) -> str:
    intent = session.get("payment_intent") or ""
    intent = intent.get("id", "") if isinstance(intent, dict) else intent
    return intent if isinstance(intent, str) else ""


def _not_applied(order: Order, session: dict, reason: str, message: str) -> Result:
    """A payment we cannot apply to the order: it is given back in full, automatically and once
    (`checkout.refunds.services.make_good`: the customer is emailed, the shop managers alerted)."""
    intent, amount = _payment_intent_id(session), session.get("amount_total")
    if intent and isinstance(amount, int) and amount > 0:
        currency = str(session.get("currency") or order.currency)
        make_good(order, payment_intent_id=intent, amount_minor=amount, currency=currency, reason=reason)
        message = f"{message}; refunded automatically"
    else:
        logger.error("Order %s: %s (no payment to refund)", order.number, message)
    return Result(Outcome.MISMATCH, order, message)


def mark_paid(session: dict, *, source: str) -> Result:
    """Mark the session's order paid if the session is paid in full; exactly once, whoever calls.

    Checks, with the order locked: already paid (nothing to do, unless it is a second payment), the payment
    status, the amount and currency against the order, and that the order is still pending. A payment that
    cannot be applied (a second payment, a wrong amount or currency, an order expired or cancelled meanwhile, a
    coupon used up by a racing payment) is recorded as a mismatch and refunded automatically, once; the order
    is never marked paid by it.
    """
    order = _order_for(session)
    if order is None:
        return _no_order(session)

    with transaction.atomic():
        order = Order.objects.locked(order)
        intent = _payment_intent_id(session)
        if order.is_paid:
            if intent and order.stripe_payment_intent_id and intent != order.stripe_payment_intent_id:
                return _not_applied(
                    order,
                    session,
                    "already_paid",
                    f"Second payment {intent} for an order already paid by {order.stripe_payment_intent_id}",
                )
            return Result(Outcome.IGNORED, order, "Already paid")
        if session.get("payment_status") not in SETTLED_PAYMENT_STATUSES:
            return Result(Outcome.IGNORED, order, f"Payment status is {session.get('payment_status')!r}: not paid yet")

        expected = to_minor_units(order.total, order.currency)
        amount, currency = session.get("amount_total"), str(session.get("currency") or "").lower()
        if amount != expected or currency != order.currency.lower():
            return _not_applied(
                order,
                session,
                "amount_mismatch",
                f"Stripe charged {amount} {currency}, the order is {expected} {order.currency.lower()}",
            )
        if order.status != Order.Status.PENDING:
            reason = "order_cancelled" if order.status == Order.Status.CANCELLED else "order_expired"
            return _not_applied(order, session, reason, f"Payment {intent} arrived for an order that is {order.status}")
        refusal = _redeem_coupon(order)
        if refusal:
            # Payments of a limited coupon raced and this one lost: exactly one order keeps the discount.
            order.move_to(Order.Status.FAILED, note=refusal)
            release_stock(order)
            return _not_applied(order, session, "coupon_used_up", refusal)

        order.move_to(
            Order.Status.PAID,
            note=f"Stripe session {session.get('id')} ({source})",
            paid_at=timezone.now(),
            stripe_payment_intent_id=intent,
            stripe_livemode=bool(session.get("livemode")),
            stripe_session_id=session.get("id") or order.stripe_session_id,
        )
        transaction.on_commit(lambda: _after_paid_commit(order), robust=True)
    logger.info("Order %s paid (%s, %s)", order.number, intent, source)
    return Result(Outcome.PROCESSED, order, f"Paid ({source})")


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


def _end_with_session(session: dict, end, what: str) -> Result:
    """Fail or expire the session's order, if it is still pending and this session is its current one."""
    order = _order_for(session)
    if order is None:
        return _no_order(session)
    with transaction.atomic():
        order = Order.objects.locked(order)
        if order.status != Order.Status.PENDING:
            return Result(Outcome.IGNORED, order, f"Order is {order.status}")
        if session.get("id") != order.stripe_session_id:
            return Result(Outcome.IGNORED, order, f"Session {session.get('id')} was replaced by a newer attempt")
        order = end(order, note=f"Stripe session {session.get('id')} {what}")
    return Result(Outcome.PROCESSED, order, f"Order {order.status}")


# --- Stripe events ----------------------------------------------------------------------------------


def _order_paid_by(stripe_object: dict) -> Order | None:
    """The order a charge, refund or dispute is about: the order paid by its payment intent, else the order
    named in its metadata (our refunds carry it), else the order of a refund of ours with that Stripe id."""
    intent = _payment_intent_id(stripe_object)
    if intent and (order := Order.objects.filter(stripe_payment_intent_id=intent).first()):
        return order
    number = _metadata(stripe_object).get("order_number")
    if isinstance(number, str) and number and (order := Order.objects.filter(number=number).first()):
        return order
    if intent and (order := Order.objects.filter(refunds__payment_intent_id=intent).first()):
        return order
    return None


def _on_charge_refunded(charge: dict) -> Result:
    """Stripe gave money back for a charge (our refund, or one made in its dashboard): record what is new."""
    order = _order_paid_by(charge)
    if order is None:
        return _no_order(charge)
    done = record_stripe_refunds(
        order, _payment_intent_id(charge), int(charge["amount_refunded"]), str(charge.get("currency") or "")
    )
    return Result(Outcome.PROCESSED, order, done)


def _on_refund_updated(refund: dict) -> Result:
    order = _order_paid_by(refund)
    if order is None:
        return _no_order(refund)
    return Result(Outcome.PROCESSED, order, update_from_stripe(order, refund))


def _on_dispute_created(dispute: dict) -> Result:
    order = _order_paid_by(dispute)
    if order is None:
        return _no_order(dispute)
    return Result(Outcome.PROCESSED, order, record_dispute(order, dispute))


HANDLED_EVENTS = {
    "checkout.session.completed": lambda session: mark_paid(session, source="webhook"),
    "checkout.session.async_payment_succeeded": lambda session: mark_paid(session, source="webhook"),
    "checkout.session.async_payment_failed": lambda session: _end_with_session(session, fail_order, "failed"),
    "checkout.session.expired": lambda session: _end_with_session(session, expire_order, "expired"),
    "charge.refunded": _on_charge_refunded,
    "refund.updated": _on_refund_updated,
    "charge.dispute.created": _on_dispute_created,
}
# Outcomes after which a stored event is done; a delivery of it again changes nothing.
FINAL_OUTCOMES = {Outcome.PROCESSED, Outcome.IGNORED, Outcome.MISMATCH}


def handle_event(event: dict) -> PaymentEvent:
    """Store the Stripe event once (its id is unique) and process it, unless it was processed before.

    A database error propagates: the whole transaction rolls back, no event row is left behind, and the
    webhook answers 500 so Stripe delivers it again. An event that failed for another reason is stored as
    failed (and may be processed again, by a repeated delivery or by a shop manager).
    """
    event = _without_nul(event)
    event_type = event.get("type", "")
    with transaction.atomic():
        record, created = PaymentEvent.objects.get_or_create(
            stripe_event_id=event["id"], defaults={"type": event_type, "payload": event}
        )
        if not created:
            record = PaymentEvent.objects.select_for_update().get(pk=record.pk)
            if record.outcome in FINAL_OUTCOMES:
                logger.info("Stripe event %s already %s; not processed again", record.stripe_event_id, record.outcome)
                return record

        handler = HANDLED_EVENTS.get(event_type)
        if handler is None:
            logger.info("Stripe event %s of type %s is not handled; ignored", event["id"], event_type)
            result = Result(Outcome.IGNORED, None, f"Event type {event_type} is not handled")
        else:
            try:
                with transaction.atomic():
                    result = handler(event["data"]["object"])
            except (KeyError, TypeError, ValueError, AttributeError, InvalidTransition) as exc:
                logger.exception("Stripe event %s (%s) could not be processed", event["id"], event_type)
                result = Result(Outcome.FAILED, None, f"{type(exc).__name__}: {exc}")

        record.outcome, record.message = result.outcome, result.message
        record.order = result.order or record.order
        record.processed_at = timezone.now()
        record.save(update_fields=["outcome", "message", "order", "processed_at"])
    return record


def _without_nul(value):
    """`value` with every NUL character replaced by U+FFFD. PostgreSQL refuses NUL in a query, a text column and
    a JSON column (a 500, and Stripe would deliver the event again for days); no order number or Stripe id holds
    one, so an event naming one still names nothing of ours, and is stored and ignored like any other."""
    if isinstance(value, str):
        return value.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    return value


def reprocess(record: PaymentEvent) -> PaymentEvent:
    """Process a stored event that failed again, from its stored payload (a shop manager's action)."""
    if record.outcome in FINAL_OUTCOMES:
        return record
    return handle_event(record.payload)
