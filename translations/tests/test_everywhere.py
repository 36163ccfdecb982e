"""Overrides reach what a Celery worker renders: the confirmation email and the invoice PDF, in the order's
language, once the worker's next task sees the version another process bumped."""

import subprocess
from unittest import mock

import pytest
from django.core.cache import cache

from checkout.tasks import issue_invoice, send_order_confirmation
from checkout.tests.factories import make_paid_order
from products.tests.factories import ProductFactory
from storefront import interface_overrides
from translations.models import StringOverride

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved_elsewhere():
    """This worker process loaded the overrides (none); then a web process saved two and bumped the version."""
    interface_overrides.refresh(force=True)
    StringOverride.objects.create(language_code="es", msgid="Billed to", forms=["Datos de facturación"])
    StringOverride.objects.create(
        language_code="es", msgid="Your order %(number)s at %(shop)s", forms=["Su pedido %(number)s de %(shop)s"]
    )
    cache.set(interface_overrides.VERSION_KEY, "bumped-by-a-web-process", timeout=None)
    # The worker's next check is due (a minute later).
    with mock.patch.object(interface_overrides.time, "monotonic", return_value=10**9):
        yield
    StringOverride.objects.all().delete()
    interface_overrides.refresh(force=True)


def test_the_confirmation_email_sent_by_a_task_uses_the_override(saved_elsewhere, mailoutbox):
    order = make_paid_order(lines=[(ProductFactory(sku="KET-1", price="20.00"), 1, "Hervidor")], language="es")

    send_order_confirmation.apply(args=[order.pk])

    (message,) = mailoutbox
    assert message.subject == f"Su pedido {order.number} de My Shop"


def test_the_invoice_rendered_by_a_task_uses_the_override(saved_elsewhere, mailoutbox):
    order = make_paid_order(lines=[(ProductFactory(sku="KET-1", price="20.00"), 1, "Hervidor")], language="es")

    issue_invoice.apply(args=[order.pk])

    order.invoice.refresh_from_db()
    with order.invoice.pdf.open("rb") as file:
        text = subprocess.run(["pdftotext", "-", "-"], input=file.read(), capture_output=True, check=True).stdout
    assert "Datos de facturación" in text.decode()
    assert "Facturar a" not in text.decode()


def test_a_product_page_uses_the_override_in_its_language_only(client, catalog, saved_elsewhere):
    StringOverride.objects.create(language_code="es", msgid="Add to cart", forms=["Meter en la cesta"])
    cache.set(interface_overrides.VERSION_KEY, "bumped-again", timeout=None)

    spanish = client.get(catalog["kettle"]["es"].url).content.decode()
    russian = client.get(catalog["kettle"]["ru"].url).content.decode()

    assert "Meter en la cesta" in spanish and "Añadir al carrito" not in spanish
    assert "В корзину" in russian
