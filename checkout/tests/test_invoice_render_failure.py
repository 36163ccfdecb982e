"""A failed invoice render: the task retries it with backoff, and the download says the invoice is being
prepared (503, Retry-After) instead of answering 500. The number, once assigned, stays."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from checkout.invoices import documents
from checkout.invoices.documents import InvoiceRenderFailed, generate_invoice
from checkout.models import Invoice
from checkout.tasks import issue_invoice

from .payment_factories import make_paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_renderer(monkeypatch):
    """WeasyPrint fails (a missing font, a bad template …) until `fixed` is set; `calls` counts its runs."""
    state = {"calls": 0, "fixed": False}
    real_render = documents.render_invoice_pdf

    def render(invoice):
        state["calls"] += 1
        if not state["fixed"]:
            raise ValueError("No font covers U+20BD")
        return real_render(invoice)

    monkeypatch.setattr(documents, "render_invoice_pdf", render)
    return state


def test_a_render_error_is_raised_typed_with_its_cause_and_the_number_stays(broken_renderer):
    order = make_paid_order()

    with pytest.raises(InvoiceRenderFailed) as raised:
        generate_invoice(order)

    invoice = Invoice.objects.get(order=order)
    assert str(raised.value) == f"Invoice {invoice.display_number} of order {order.number}: the PDF could not be made"
    assert isinstance(raised.value.__cause__, ValueError)
    assert (invoice.number, invoice.pdf.name) == (1, "")


def test_the_invoice_task_retries_a_failed_render_with_backoff():
    assert issue_invoice.autoretry_for[0] is InvoiceRenderFailed
    assert (issue_invoice.retry_backoff, issue_invoice.retry_backoff_max, issue_invoice.max_retries) == (30, 3600, 8)
    assert issue_invoice.retry_jitter is True


def test_a_render_that_fails_once_is_retried_and_the_invoice_emailed_once(broken_renderer, monkeypatch, celery_eager):
    order = make_paid_order()
    real_render = documents.render_invoice_pdf

    def fails_once(invoice):
        broken_renderer["fixed"] = broken_renderer["calls"] >= 1
        return real_render(invoice)

    monkeypatch.setattr(documents, "render_invoice_pdf", fails_once)

    result = issue_invoice.apply(args=[order.pk])

    invoice = Invoice.objects.get(order=order)
    assert result.state == "SUCCESS"
    assert broken_renderer["calls"] == 2
    assert len(mail.outbox) == 1
    assert invoice.pdf.name and invoice.emailed_at is not None


def test_the_shoppers_download_says_the_invoice_is_being_prepared(client, broken_renderer):
    order = make_paid_order()

    response = client.get(f"/en/payment/{order.token}/invoice/")

    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "<h1>Your invoice is being prepared</h1>" in page
    assert f"The invoice of order {order.number} is not ready yet. Please try again in a minute." in page
    assert "We will also email it to ana@example.com as soon as it is ready." in page


@pytest.mark.parametrize(
    ("language", "heading"),
    [("es", "Estamos preparando tu factura"), ("ru", "Ваш счёт готовится")],
)
def test_the_page_speaks_the_shoppers_language(client, broken_renderer, language, heading):
    order = make_paid_order(language=language)
    with translation.override(language):
        url = reverse("payment:invoice", kwargs={"token": order.token})

    response = client.get(url)

    assert response.status_code == 503
    assert f"<h1>{heading}</h1>" in response.content.decode()


def test_once_the_render_works_the_download_is_the_pdf(client, broken_renderer):
    order = make_paid_order()
    assert client.get(f"/en/payment/{order.token}/invoice/").status_code == 503
    broken_renderer["fixed"] = True

    response = client.get(f"/en/payment/{order.token}/invoice/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_the_admins_invoice_view_says_the_invoice_is_being_prepared(client, manager, broken_renderer):
    order = make_paid_order()

    response = client.get(reverse("checkout_invoice_pdf_admin", args=[order.pk]))

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "<h1>Your invoice is being prepared</h1>" in response.content.decode()
