"""Credit notes: one per succeeded refund of a paid order, their own gap-free numbers, the invoice's look in the
order's language, one email after the refund commits, and downloads for the order's token and shop managers."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from checkout import tasks
from checkout.invoices.credit_notes import (
    CreditNoteNotAvailable,
    assign_credit_note,
    generate_credit_note,
    refunds_missing_credit_note_email,
)
from checkout.invoices.documents import generate_invoice
from checkout.models import CreditNote, Invoice, Order, Refund
from checkout.refunds.services import make_good, record_provider_refunds, refund_order, update_refund
from products.tests.factories import ProductFactory
from storefront.money import format_money

from .factories import intent_of, make_paid_order, take_payment
from .test_invoice import pdf_text, words

pytestmark = pytest.mark.django_db

TITLES = {"es": ("Hervidor", "Taza"), "ru": ("Чайник", "Кружка")}


def paid_order(language="es", **fields):
    """A paid order of 2 kettles at 24.50 and 3 mugs at 8.00 (73.00), paid on the offline test-card page (so a
    refund succeeds at once, without Stripe)."""
    kettle_title, mug_title = TITLES.get(language, ("Kettle", "Mug"))
    number = Order.objects.count() + 1  # KET-1 and MUG-1 for the first order of a test
    kettle = ProductFactory(sku=f"KET-{number}", name="Kettle", price="24.50", stock=10)
    mug = ProductFactory(sku=f"MUG-{number}", name="Mug", price="8.00", stock=10)
    fields.setdefault("payment_intent_id", f"pi_offline_{number}")
    return make_paid_order([(kettle, 2, kettle_title), (mug, 3, mug_title)], language=language, **fields)


def refund_kettle(order, **kwargs):
    return refund_order(order, quantities={order.lines.get(sku__startswith="KET-").pk: 1}, **kwargs)


def pdf_of(credit_note: CreditNote) -> bytes:
    with credit_note.pdf.open("rb") as file:
        return file.read()


# --- The document -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["es", "ru"])
def test_the_credit_note_lists_the_refunded_line_in_the_orders_language(language):
    # Given a paid order in `language`, and one kettle of it refunded
    order = paid_order(language)
    refund = refund_kettle(order)

    # When its credit note is issued
    credit_note = generate_credit_note(refund)
    text = pdf_text(pdf_of(credit_note))

    # Then it refers to the order's invoice (issued first) and shows the refunded line and total in the language
    invoice = Invoice.objects.get(order=order)
    assert credit_note.invoice == invoice
    assert credit_note.display_number == f"CN-{timezone.now():%Y}-000001"
    with translation.override(language):
        labels = [
            gettext("Credit note %(number)s") % {"number": credit_note.display_number},
            gettext("For invoice"),
            gettext("Billed to"),
            gettext("Total refunded"),
        ]
    for snippet in labels:
        assert words(snippet) in text
    kettle_title, mug_title = TITLES[language]
    line = f"{kettle_title} 1 {words(format_money('24.50', 'usd', language))}"
    assert line in text  # product, units, unit price ...
    assert words(format_money("24.50", "usd", language)) in text.split(line)[1]  # ... and amount, then total
    assert mug_title not in text
    assert invoice.display_number in text
    assert order.number in text


def test_the_russian_credit_note_has_cyrillic_text():
    text = pdf_text(pdf_of(generate_credit_note(refund_kettle(paid_order("ru")))))

    assert "Чайник" in text
    assert "Испания" in text
    assert "Кредит-нота" in text


def test_an_external_refund_without_lines_shows_the_amount_refunded():
    # Given 10.00 of a paid Spanish order refunded in Stripe's dashboard
    order = paid_order("es")
    record_provider_refunds(order, order.payments.paying(), 1000, "usd")
    refund = Refund.objects.get(order=order, kind=Refund.Kind.EXTERNAL)

    text = pdf_text(pdf_of(generate_credit_note(refund)))

    with translation.override("es"):
        amount_refunded, total_refunded = gettext("Amount refunded"), gettext("Total refunded")
    ten = words(format_money("10.00", "usd", "es"))
    assert f"{amount_refunded} 1 {ten} {ten}" in text
    assert f"{total_refunded} {ten}" in text
    assert "Hervidor" not in text


def test_what_the_lines_do_not_account_for_is_shown_apart():
    # Given 10.00 refunded in Stripe's dashboard, then the rest of the order by a shop manager
    order = paid_order("en")
    record_provider_refunds(order, order.payments.paying(), 1000, "usd")
    order.refresh_from_db()
    refund = refund_order(order)  # 63.00: the lines are worth 73.00

    text = pdf_text(pdf_of(generate_credit_note(refund)))

    assert "Kettle 2 $24.50 $49.00 0% $0.00 $49.00 KET-1" in text
    assert "Mug 3 $8.00 $24.00 0% $0.00 $24.00 MUG-1" in text
    assert "Other amount refunded 1 -$10.00 -$10.00 0% $0.00 -$10.00" in text
    assert "Total refunded $63.00" in text


# --- Numbers ------------------------------------------------------------------------------------------


def test_numbers_are_their_own_series_sequential_and_assigned_once():
    orders = [paid_order("en") for _ in range(3)]
    generate_invoice(paid_order("en"))  # an invoice without refunds takes invoice number 1

    numbers = [assign_credit_note(refund_kettle(order)).number for order in orders]
    again = assign_credit_note(orders[0].refunds.get())

    assert numbers == [1, 2, 3]
    assert again.number == 1
    assert sorted(Invoice.objects.values_list("number", flat=True)) == [1, 2, 3, 4]
    assert CreditNote.objects.count() == 3


def test_regenerating_keeps_the_number_and_replaces_the_file():
    refund = refund_kettle(paid_order("en"))
    first = generate_credit_note(refund)
    old_name = first.pdf.name

    again = generate_credit_note(refund, regenerate=True)

    assert (again.pk, again.display_number) == (first.pk, first.display_number)
    assert again.pdf.name != old_name
    assert not again.pdf.storage.exists(old_name)


def test_refunds_that_are_not_credited_take_no_number(fake_stripe):
    # Given a credit note, a refund still pending at Stripe, and a payment given back automatically
    generate_credit_note(refund_kettle(paid_order("en")))
    pending_order = make_paid_order()
    fake_stripe.add_payment(intent_of(pending_order), 4900)
    fake_stripe.refund_status = "pending"
    pending = refund_order(pending_order)
    other = make_paid_order()
    twice = take_payment(other, payment_intent_id="pi_twice")
    automatic = make_good(other, payment=twice, amount_minor=4900, currency="usd", reason="already_paid")

    # Then neither has a credit note
    for refund in (pending, automatic):
        with pytest.raises(CreditNoteNotAvailable):
            generate_credit_note(refund)
    # And the next succeeded refund takes the next number
    assert generate_credit_note(refund_kettle(paid_order("en"))).number == 2


# --- After the refund commits, one email ---------------------------------------------------------------


def test_a_refund_queues_its_credit_note_after_the_commit(queued_credit_notes, django_capture_on_commit_callbacks):
    order = paid_order("es")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        refund = refund_kettle(order)
    assert queued_credit_notes == []
    for callback in callbacks:
        callback()

    assert queued_credit_notes == [refund.pk]


def test_a_pending_refund_queues_it_when_stripe_says_it_succeeded(
    fake_stripe, queued_credit_notes, django_capture_on_commit_callbacks
):
    order = make_paid_order()
    fake_stripe.add_payment(intent_of(order), 4900)
    fake_stripe.refund_status = "pending"
    with django_capture_on_commit_callbacks(execute=True):
        refund = refund_order(order)
    assert queued_credit_notes == []

    with django_capture_on_commit_callbacks(execute=True):
        update_refund(order, refund.provider_refund_id, "succeeded")

    assert queued_credit_notes == [refund.pk]


def test_the_credit_note_is_emailed_once_in_spanish(celery_eager, django_capture_on_commit_callbacks):
    # Given a Spanish order, one kettle refunded (the task runs after the commit)
    order = paid_order("es", email="lucia@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        refund = refund_kettle(order)

    # When the task is delivered again
    assert tasks.issue_credit_note(refund.pk) is False

    # Then the customer got one email, in Spanish, with the PDF attached
    (message,) = mail.outbox
    credit_note = CreditNote.objects.get(refund=refund)
    with translation.override("es"):
        subject = gettext("Credit note %(credit_note)s for your order %(order)s")
    assert message.subject == subject % {"credit_note": credit_note.display_number, "order": order.number}
    assert message.to == ["lucia@example.com"]
    assert "Hola" in message.body and credit_note.invoice.display_number in message.body
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == (f"credit-note-{credit_note.display_number}.pdf", "application/pdf")
    assert "Hervidor" in pdf_text(content)
    assert credit_note.emailed_at is not None
    # (the credit note does not send the invoice: that is the payment's email)
    assert Invoice.objects.get(order=order).emailed_at is None


def test_credit_notes_never_emailed_are_caught_up():
    # Given a credited refund an hour old whose task never ran, and one just made (its task still has time)
    old = refund_kettle(paid_order("en"))
    Refund.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    refund_kettle(paid_order("en"))
    emailed = refund_kettle(paid_order("en"))
    Refund.objects.filter(pk=emailed.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    tasks.issue_credit_note(emailed.pk)

    assert list(refunds_missing_credit_note_email()) == [old]


def test_the_catch_up_task_queues_them_again(queued_credit_notes):
    order = paid_order("en")
    refund = refund_kettle(order)
    Refund.objects.filter(pk=refund.pk).update(updated_at=timezone.now() - timedelta(hours=1))

    queued = tasks.queue_missed_emails()

    assert queued["credit note"] == [order.number]
    assert queued_credit_notes == [refund.pk]


# --- Downloads ----------------------------------------------------------------------------------------


def shopper_url(order, number):
    return f"/es/payment/{order.token}/credit-notes/{number}/"


def test_the_shopper_downloads_the_credit_note_from_the_order_page(client):
    order = paid_order("es")
    credit_note = generate_credit_note(refund_kettle(order))
    with translation.override("es"):
        order_page = reverse("checkout:order", kwargs={"token": order.token})

    page = client.get(order_page)
    response = client.get(shopper_url(order, credit_note.display_number))

    assert f'href="{shopper_url(order, credit_note.display_number)}"' in page.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="credit-note-{credit_note.display_number}.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert credit_note.display_number in pdf_text(response.content)


@pytest.mark.parametrize(
    "number",
    ["CN-2026-000099", "CN-1999-000001", "2026-000001", "CN-2026-1", "junk", "CN-2026-00000a", "CN-2026-" + "9" * 40],
)
def test_any_other_number_is_not_found(client, number):
    order = paid_order("es")
    generate_credit_note(refund_kettle(order))

    assert client.get(shopper_url(order, number)).status_code == 404


def test_another_orders_credit_note_or_a_wrong_token_is_not_found(client):
    mine, theirs = paid_order("es"), paid_order("es")
    generate_credit_note(refund_kettle(mine))
    their_note = generate_credit_note(refund_kettle(theirs))

    assert client.get(shopper_url(mine, their_note.display_number)).status_code == 404
    wrong = f"/es/payment/not-a-token/credit-notes/{their_note.display_number}/"
    assert client.get(wrong).status_code == 404


def staff_in(django_user_model, client, group_name):
    user = django_user_model.objects.create_user(username=group_name.lower().replace(" ", "-"), password="pw")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


def test_a_shop_manager_opens_it_from_the_orders_admin_page(client, django_user_model):
    order = paid_order("es")
    credit_note = generate_credit_note(refund_kettle(order))
    manager = staff_in(django_user_model, client, settings.SHOP_MANAGERS_GROUP)
    url = reverse("checkout_credit_note_pdf_admin", args=[order.pk, credit_note.display_number])

    page = manager.get(f"/admin/orders/{order.pk}/")
    response = manager.get(url)

    assert url in page.content.decode()
    assert response.status_code == 200
    assert credit_note.display_number in pdf_text(response.content)
    other = paid_order("es")
    assert (
        manager.get(
            reverse("checkout_credit_note_pdf_admin", args=[other.pk, credit_note.display_number]), follow=True
        ).status_code
        == 404
    )


def test_an_editor_cannot_open_it(client, django_user_model):
    order = paid_order("es")
    credit_note = generate_credit_note(refund_kettle(order))
    editor = staff_in(django_user_model, client, settings.EDITORS_GROUP)

    response = editor.get(reverse("checkout_credit_note_pdf_admin", args=[order.pk, credit_note.display_number]))

    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"


def test_the_refund_amount_is_the_credit_notes_total():
    order = paid_order("en")
    refund = refund_kettle(order)

    assert refund.amount == Decimal("24.50")
    assert "Total refunded $24.50" in pdf_text(pdf_of(generate_credit_note(refund)))
