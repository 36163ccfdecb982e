"""Where the shopper is sent around a payment: the payment status page (where a provider sends them back) and
the order page with its pay box, each in the order's language."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation

ORDER_PAGE_URL_NAME = "checkout:order"


def status_path(order) -> str:
    with translation.override(order.language):
        return reverse("payment:status", args=[order.token])


def order_page_path(order) -> str:
    """The shopper's order page (with its pay box), in the order's language."""
    with translation.override(order.language):
        try:
            return reverse(ORDER_PAGE_URL_NAME, kwargs={"token": order.token})
        except NoReverseMatch:
            return reverse("payment:status", args=[order.token])


def success_path(order, session_id: str) -> str:
    return f"{status_path(order)}?session_id={session_id}"
