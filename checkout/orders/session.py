"""The shopper's link to the order placed from their cart: the cart is emptied only once that order is paid.

Placing an order keeps the cart (payment can fail, or the shopper may come back to change it); the session
remembers the order's token. When a page learns that this order is paid (the order page, the payment
success page), `forget_paid_order` empties the cart.
"""

from cart.cart import Cart

from .models import Order

PENDING_ORDER_KEY = "checkout_pending_order"


def remember_pending_order(request, order: Order) -> None:
    """Record `order` as the one this session's cart was ordered as."""
    request.session[PENDING_ORDER_KEY] = order.token


def pending_order_token(request) -> str | None:
    session = getattr(request, "session", None)
    return session.get(PENDING_ORDER_KEY) if session is not None else None


def forget_paid_order(request, order: Order) -> bool:
    """Empty the cart if `order` is this session's pending order and it is paid; True if it did.

    Safe to call on every view of the order: it writes the session only the first time, and never for a
    visitor who has no session (e.g. someone opening the order link from the email on another device).
    """
    if not order.is_paid or pending_order_token(request) != order.token:
        return False
    Cart(request).clear()
    del request.session[PENDING_ORDER_KEY]
    return True
