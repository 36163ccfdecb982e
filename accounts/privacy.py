"""A customer's data: what we hold about them (as JSON), and deleting their account.

Orders are accounting records: deleting an account keeps them (and their invoices), detached from the account
and with the personal fields (name, email, address) replaced, so no order names the person any more.
"""

import logging

from allauth.account.models import EmailAddress
from django.db import transaction

from checkout.orders.models import Order
from storefront.addresses import ADDRESS_FIELDS, IDENTIFYING_FIELDS

from .models import Address, Profile

logger = logging.getLogger(__name__)

SAVED_ADDRESS_FIELDS = ("label", *ADDRESS_FIELDS, "is_default")
# What names the person on an order: its address but the country (kept for the accounts), and the email.
ORDER_PERSONAL_FIELDS = (*IDENTIFYING_FIELDS, "email")


def export_data(user) -> dict:
    """Everything of the customer's: profile, email addresses, saved addresses, orders with their lines."""
    profile = Profile.objects.filter(user=user).first()
    orders = Order.objects.filter(customer=user).prefetch_related("lines").order_by("created_at")
    return {
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_language": profile.language if profile else None,
            "date_joined": user.date_joined.isoformat(),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "addresses": [
            {field: getattr(address, field) for field in SAVED_ADDRESS_FIELDS}
            for address in Address.objects.filter(user=user)
        ],
        "orders": [
            {
                "number": order.number,
                "status": order.status,
                "created_at": order.created_at.isoformat(),
                "paid_at": order.paid_at.isoformat() if order.paid_at else None,
                "language": order.language,
                "currency": order.currency,
                "subtotal": str(order.subtotal),
                "discount": str(order.discount),
                "total": str(order.total),
                "refunded": str(order.refunded_amount),
                "customer": {field: getattr(order, field) for field in (*ORDER_PERSONAL_FIELDS, "country")},
                "lines": [
                    {
                        "sku": line.sku,
                        "title": line.title,
                        "unit_price": str(line.unit_price),
                        "quantity": line.quantity,
                    }
                    for line in order.lines.all()
                ],
            }
            for order in orders
        ],
    }


def anonymized_email(order: Order) -> str:
    """What an anonymized order's email reads: no one's address, and never deliverable (RFC 2606 `.invalid`)."""
    return f"deleted-{order.number.lower()}@anonymized.invalid"


@transaction.atomic
def delete_account(user) -> int:
    """Delete the account; its orders stay, anonymized and detached. Returns how many orders were anonymized."""
    orders = list(Order.objects.select_for_update().filter(customer=user).order_by("pk"))
    for order in orders:
        for field in ORDER_PERSONAL_FIELDS:
            setattr(order, field, "")
        order.email = anonymized_email(order)
        order.customer = None
        order.save(update_fields=[*ORDER_PERSONAL_FIELDS, "customer", "updated_at"])
    logger.info("Customer account %s deleted; %d orders anonymized", user.pk, len(orders))
    user.delete()
    return len(orders)
