"""Starting a payment: the shopper's "Pay now" opens a new attempt (a `Payment`) at the provider
`settings.PAYMENT_PROVIDER` names, and is sent to its page.

The order's row stays locked from the checks to the stored session, so concurrent "Pay now" presses (two tabs, a
double click, several web workers) take turns: each closes the session the previous attempt opened before
opening its own, and at most one session of the order is ever open at the provider. A payment that still
completes on a closed session is refunded (`settle.mark_paid`).
"""

import logging

from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from checkout.orders.models import Order
from checkout.orders.services import cancel_order
from checkout.shipping import options as shipping
from coupons import services as coupon_services
from coupons.services import CouponError
from storefront import money
from storefront.money import format_money

from . import paths, providers
from .errors import BelowMinimumCharge, OrderNotPayable, PaymentError, PaymentUnavailable
from .models import Payment
from .providers import PaymentProvider
from .settle import mark_paid

logger = logging.getLogger(__name__)


def below_minimum_charge(order: Order) -> bool:
    """Whether the order costs something, but less than the provider can charge: it can never be paid as it is
    (checkout refuses such an order; one placed before it did is told so on its pages)."""
    return money.below_minimum_charge(order.total, order.currency)


def start_payment(order: Order, request) -> str:
    """Open a new payment attempt for `order` and return where to send the shopper.

    An order whose total is zero (a 100% coupon) needs no payment and is completed at once. Raises
    `OrderNotPayable` for an order that is not pending or whose reservation is over, `BelowMinimumCharge` for a
    total the provider cannot charge, and `PaymentError` (with a shopper message) when the provider fails; the
    order then stays payable, and the failed attempt is kept (so the next one uses new idempotency keys: a
    provider answers a repeated key with the first answer, failure included).
    """
    provider = providers.active()
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
                f"Order {order.number}: {order.total} is below the minimum charge {minimum}",
                total=format_money(order.total, order.currency),
                minimum=format_money(minimum, order.currency),
            )
        if order.total == 0:
            provider = providers.nothing_to_pay()
        previous = order.payments.current()
        payment = Payment.objects.create(
            order=order, provider=provider.name, amount=order.total, currency=order.currency
        )
        expires_at = provider.session_expiry(order.reserved_until)
        if expires_at > order.reserved_until:
            # The provider keeps its page open longer than the reservation: the stock stays reserved as long.
            order.reserved_until = expires_at
            order.save(update_fields=["reserved_until", "updated_at"])
        try:
            url = _close_previous(order, previous) or _open_session(order, payment, provider, request, expires_at)
        except PaymentError as error:
            payment.status = Payment.Status.FAILED
            payment.save(update_fields=["status", "updated_at"])
            failure = error
        else:
            if payment.status == Payment.Status.CREATED:  # the previous attempt was paid: this one is not needed
                payment.status = Payment.Status.CANCELLED
                payment.save(update_fields=["status", "updated_at"])
    if failure:
        raise failure
    return url


def _open_session(order: Order, payment: Payment, provider: PaymentProvider, request, expires_at) -> str:
    """Open this attempt's session and remember it; the caller holds the order's lock."""
    session = provider.start_session(
        order,
        attempt=order.payments.count(),
        success_url=request.build_absolute_uri(paths.status_path(order)) + "?session_id={SESSION_ID}",
        cancel_url=request.build_absolute_uri(paths.order_page_path(order)),
        expires_at=expires_at,
    )
    payment.session_id = session.id
    payment.status = Payment.Status.PENDING
    payment.save(update_fields=["session_id", "status", "updated_at"])
    logger.info("Order %s: %s session %s (attempt %s)", order.number, provider.name, session.id, payment.pk)
    if session.paid:
        mark_paid(session, provider=provider, source="no payment required")
        return paths.success_path(order, session.id)
    return session.url


def _close_previous(order: Order, previous: Payment | None) -> str:
    """Make sure the previous attempt's session cannot be paid as well; '' to go on with a new one.

    If it was completed meanwhile (its webhook not here yet), it is settled and the shopper is sent to the
    success page instead of being asked to pay twice.
    """
    if previous is None or not previous.session_id or previous.status not in Payment.OPEN:
        return ""
    provider = providers.named(previous.provider)
    if provider is None:
        return ""
    try:
        session = provider.retrieve_session(previous.session_id, order.number)
        if session.state == session.COMPLETE:
            mark_paid(session, provider=provider, source="start_payment")
            return paths.success_path(order, previous.session_id)
        if session.state == session.OPEN:
            provider.expire_session(previous.session_id, order.number)
    except PaymentUnavailable:
        raise
    except PaymentError as exc:
        # The provider refuses: the session is unknown to these keys (test and live switched) or closed meanwhile.
        logger.warning(
            "Order %s: previous session %s not closed (%s); starting a new one", order.number, previous.session_id, exc
        )
    previous.status = Payment.Status.CANCELLED
    previous.save(update_fields=["status", "updated_at"])
    return ""


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
