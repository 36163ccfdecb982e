"""Helpers for the cart's tests: post to the cart's endpoints the way the shop's forms do."""

import pytest
from django.urls import reverse
from django.utils import translation

from products.models import ProductVariant
from products.tests.factories import variant_of


def url(name: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name)


@pytest.fixture
def add(client):
    """add(product or variant, quantity=1, language="en", **extra) → the response of the add form's POST (a
    product: its default variant)."""

    def post(product, quantity="1", language="en", **extra):
        variant = product if isinstance(product, ProductVariant) else variant_of(product)
        data = {"variant": str(variant.pk), "quantity": quantity, **extra}
        return client.post(url("cart:add", language), data)

    return post


def session_cart(client):
    return client.session.get("cart")


@pytest.fixture(autouse=True)
def _english_unless_told():
    """Start every test in English: a request to /es/ or /ru/ leaves its language active in the thread."""
    with translation.override("en"):
        yield
