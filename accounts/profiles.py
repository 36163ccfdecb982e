"""Changing a customer's profile; their preferred language follows into the orders still to be emailed about."""

from django.db import transaction

from checkout.orders.models import Order

from .models import Profile

# Orders whose customer may still be emailed (shipped, cancelled, refunded): they follow the profile's language.
OPEN_STATUSES = (Order.Status.PENDING, Order.Status.PAID, Order.Status.PARTIALLY_REFUNDED)


@transaction.atomic
def update_profile(user, *, first_name: str, last_name: str, language: str) -> Profile:
    """Save the names and the preferred language; the customer's open orders are emailed in it from now on."""
    user.first_name, user.last_name = first_name, last_name
    user.save(update_fields=["first_name", "last_name"])
    profile, _created = Profile.objects.update_or_create(user=user, defaults={"language": language})
    Order.objects.filter(customer=user, status__in=OPEN_STATUSES).update(language=language)
    return profile
