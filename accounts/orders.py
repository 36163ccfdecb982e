"""A customer's orders: guest orders find their owner once the owner's email address is verified.

An order placed by a signed-in customer is theirs from the start (`place_order(..., account=...)`). A guest
order carries only an email: it is attached to the account that verifies that address (allauth's
`email_confirmed`), and on each sign-in to the account's verified addresses — never to an address that is not
verified, so typing someone's email at sign-up shows you none of their orders.
"""

from allauth.account.models import EmailAddress
from django.shortcuts import get_object_or_404

from checkout.orders.models import Order


def attach_guest_orders(user, email: str) -> int:
    """Give `user` the orders placed with `email` that belong to no account yet; returns how many."""
    return Order.objects.filter(customer__isnull=True, email__iexact=email).update(customer=user)


def attach_verified_guest_orders(user) -> int:
    verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return sum(attach_guest_orders(user, email) for email in verified)


def orders_of(user):
    """The customer's orders, newest first, with their lines and credit notes (their documents are listed)."""
    return Order.objects.filter(customer=user).prefetch_related("lines", "refunds__credit_note")


def order_of(user, number: str) -> Order:
    """The customer's order `number`, with its lines and credit notes; 404 for anyone else's."""
    return get_object_or_404(
        Order.objects.filter(customer=user).prefetch_related("lines", "refunds__credit_note"), number=number
    )
