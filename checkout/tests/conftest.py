"""Fixtures for the checkout's tests: a shop manager, a customer, and a cart without a session (`shop` is the root
conftest's)."""

import pytest
from django.conf import settings
from django.utils import translation

from products.models import ProductVariant

from .factories import CUSTOMER, user_in_group
from .payment_fixtures import (  # noqa: F401
    celery_eager,
    fake_stripe,
    invoice_task_never_reaches_a_broker,
    offline,
    queued_credit_notes,
    queued_invoices,
    webhook_secret,
)


class ListCart:
    """What `place_order` needs from a cart: `quantities()` → {variant pk: quantity}. Given (product or variant,
    quantity) lines: a product stands for its default variant."""

    def __init__(self, *lines):
        self.lines = {_variant_pk(item): quantity for item, quantity in lines}

    def quantities(self):
        return dict(self.lines)


def _variant_pk(item) -> int:
    if isinstance(item, ProductVariant):
        return item.pk
    return ProductVariant.objects.filter(product=item).order_by("sort_order", "pk").values_list("pk", flat=True)[0]


@pytest.fixture
def manager(client, django_user_model):
    """A signed-in member of the Shop managers group: may view and change orders."""
    user = user_in_group(
        django_user_model, settings.SHOP_MANAGERS_GROUP, "checkout.view_order", "checkout.change_order"
    )
    client.force_login(user)
    return user


@pytest.fixture
def customer():
    return dict(CUSTOMER)


@pytest.fixture(autouse=True)
def _english_unless_told():
    """Start every test in English: a request to /es/ or /ru/ leaves its language active in the thread."""
    with translation.override("en"):
        yield
