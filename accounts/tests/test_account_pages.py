"""The signed-in customer's pages: behind login, private, and each customer sees only their own rows."""

import pytest
from django.test import Client

from accounts.models import Address, Profile
from checkout.invoices.credit_notes import assign_credit_note
from checkout.models import Order
from checkout.tests.factories import make_order, make_paid_order
from checkout.tests.test_checkout_pages import add, url
from checkout.tests.test_credit_notes import paid_order, refund_kettle
from products.tests.factories import variant_of

from .factories import PASSWORD, make_address, make_customer

pytestmark = pytest.mark.django_db


def signed_in(user, language="en") -> Client:
    client = Client()
    client.post(url("account_login", language), {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)
    return client


@pytest.fixture
def ana(homes):
    return make_customer("ana@example.com", first_name="Ana")


@pytest.fixture
def ben(homes):
    return make_customer("ben@example.com", first_name="Ben")


@pytest.mark.parametrize(
    "name", ["accounts:home", "accounts:orders", "accounts:addresses", "accounts:profile", "accounts:delete"]
)
def test_account_pages_ask_a_visitor_to_sign_in(client, homes, name):
    response = client.get(url(name, "es"))

    assert response.status_code == 302
    assert response["Location"] == f"/es/cuenta/login/?next={url(name, 'es')}"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_my_orders_lists_only_my_orders_with_status_lines_and_total(ana, ben):
    mine = make_paid_order(customer=ana)
    theirs = make_paid_order(customer=ben)

    response = signed_in(ana).get(url("accounts:orders"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert mine.number in html and theirs.number not in html
    assert "Paid" in html and "2 × Kettle" in html and "$49.00" in html


def test_an_order_page_links_the_invoice_and_credit_notes_through_the_order_token(ana):
    order = make_paid_order(customer=ana)

    html = signed_in(ana).get(url("accounts:order", number=order.number)).content.decode()

    assert f'href="/en/payment/{order.token}/invoice/"' in html
    assert "Buy again" in html


@pytest.fixture
def refunded_in_part(ana):
    """Ana's paid order with one kettle refunded and its credit note issued."""
    order = paid_order("en", customer=ana)
    credit_note = assign_credit_note(refund_kettle(order))
    return order, credit_note


def test_an_order_pages_credit_note_link_opens_the_credit_note(ana, refunded_in_part):
    # Given Ana's order with a credit note
    order, credit_note = refunded_in_part
    client = signed_in(ana)

    # When she opens the order in her account
    html = client.get(url("accounts:order", number=order.number)).content.decode()

    # Then the credit note is linked by its displayed number, and the link gives the PDF
    link = f"/en/payment/{order.token}/credit-notes/{credit_note.display_number}/"
    assert f'href="{link}"' in html
    assert f"Credit note {credit_note.display_number} (PDF)" in html
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_my_orders_lists_each_orders_invoice_and_credit_notes(ana, refunded_in_part):
    # Given Ana's order with a credit note, and an order of hers still waiting for payment
    order, credit_note = refunded_in_part
    unpaid = make_order(customer=ana)

    # When she lists her orders
    html = signed_in(ana).get(url("accounts:orders")).content.decode()

    # Then the paid order's invoice and credit note are linked, and the unpaid order has no document
    assert f'href="/en/payment/{order.token}/invoice/"' in html
    assert f'href="/en/payment/{order.token}/credit-notes/{credit_note.display_number}/"' in html
    assert f"/en/payment/{unpaid.token}/" not in html


@pytest.mark.parametrize("name", ["accounts:order", "accounts:buy_again"])
def test_someone_elses_order_number_is_a_404(ana, ben, name):
    theirs = make_paid_order(customer=ben)
    guest = make_paid_order(email="carla@example.com")
    client = signed_in(ana)
    method = client.post if name == "accounts:buy_again" else client.get

    assert method(url(name, number=theirs.number)).status_code == 404
    assert method(url(name, number=guest.number)).status_code == 404
    assert method(url(name, number="SF-999999")).status_code == 404


def test_buy_again_refills_the_cart_capped_by_stock(ana, catalog):
    kettle = catalog["kettle"]["en"].product  # 10 in stock
    mug = catalog["mug"]["en"].product  # 3 in stock
    order = make_paid_order([(kettle, 2), (mug, 3)], customer=ana, reserve_stock=False)
    mug_variant = variant_of(mug)
    mug_variant.stock = 1
    mug_variant.save()
    client = signed_in(ana)

    response = client.post(url("accounts:buy_again", number=order.number))

    assert response.status_code == 302
    assert response["Location"] == url("cart:detail")
    cart_page = client.get(response["Location"])
    quantities = {line.variant.pk: line.quantity for line in cart_page.context["cart"]}
    assert quantities == {variant_of(kettle).pk: 2, mug_variant.pk: 1}
    messages = [str(m) for m in cart_page.context["messages"]]
    assert "3 units were added to your cart." in messages
    assert "Not available in the quantity you ordered: Mug." in messages


def test_addresses_are_saved_listed_and_kept_apart(ana, ben):
    client = signed_in(ana)
    response = client.post(
        url("accounts:address_add"),
        {
            "label": "Home",
            "first_name": "Ana",
            "last_name": "Pérez",
            "address": "Calle Mayor 1",
            "postal_code": "28001",
            "city": "Madrid",
            "country": "ES",
        },
    )
    assert response.status_code == 302
    [home] = Address.objects.filter(user=ana)
    assert home.is_default  # the first address is the default
    bens = make_address(ben, address="1 Road", city="Leeds", country="GB")

    html = client.get(url("accounts:addresses")).content.decode()
    assert "Calle Mayor 1" in html and "1 Road" not in html
    assert client.get(url("accounts:address_edit", pk=bens.pk)).status_code == 404
    assert client.post(url("accounts:address_delete", pk=bens.pk)).status_code == 404
    assert Address.objects.filter(pk=bens.pk).exists()


def test_an_address_form_with_errors_is_told_field_by_field(ana):
    response = signed_in(ana).post(url("accounts:address_add"), {"first_name": "Ana", "country": "XX"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert "This field is required." in html
    assert "Select a valid choice." in html
    assert not Address.objects.exists()


def test_checkout_is_filled_with_the_default_address_and_another_can_be_chosen(ana, catalog):
    work = make_address(ana, label="Work", address="Gran Vía 2", postal_code="28013")
    make_address(ana, is_default=True)
    client = signed_in(ana)
    add(client, catalog["kettle"]["en"].product)

    default = client.get(url("checkout:checkout")).content.decode()
    chosen = client.get(url("checkout:checkout") + f"?address={work.pk}").content.decode()

    assert 'value="Calle Mayor 1"' in default
    assert 'value="Gran Vía 2"' in chosen
    assert f'<option value="{work.pk}" selected>Work</option>' in chosen


def test_the_profile_language_is_the_language_of_the_customers_open_orders(ana):
    pending = make_order(customer=ana, language="en")
    shipped = make_order(customer=ana, language="en", status=Order.Status.SHIPPED)

    response = signed_in(ana).post(
        url("accounts:profile"), {"first_name": "Ana", "last_name": "Pérez", "language": "es"}
    )

    assert response.status_code == 302
    assert Profile.objects.get(user=ana).language == "es"
    pending.refresh_from_db()
    shipped.refresh_from_db()
    assert pending.language == "es"
    assert shipped.language == "en"  # nothing more is emailed about it
    ana.refresh_from_db()
    assert ana.last_name == "Pérez"


def test_the_header_links_to_the_account_the_same_for_every_visitor(client, catalog):
    html = client.get("/es/").content.decode()

    assert '<a class="account-link" href="/es/cuenta/">' in html
    assert '<span class="account-link__label">Cuenta</span>' in html
    assert "sessionid" not in client.cookies


@pytest.mark.parametrize(
    "name", ["account_email", "account_change_password", "account_logout", "accounts:address_add", "accounts:delete"]
)
@pytest.mark.parametrize("language", ["en", "es", "ru"])
def test_every_account_page_renders_in_the_shops_layout_privately(ana, name, language):
    response = signed_in(ana, language).get(url(name, language))

    html = response.content.decode()
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert f'<html lang="{language}">' in html
    assert 'class="account-nav"' in html or name == "account_logout"
