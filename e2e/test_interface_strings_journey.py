"""A Spanish translator fixes the "Add to cart" button and an email subject in the admin; the product page and the
next email use them. A Russian translator cannot open the Spanish strings."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from checkout.orders import emails
from checkout.tests.factories import make_paid_order
from home.tests.localize_helpers import make_translator
from products.tests.factories import ProductFactory
from storefront import interface_overrides

from .conftest import sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def _overrides_forgotten():
    yield
    interface_overrides.refresh(force=True)  # the rows are flushed after the journey


def fix_string(page, search, translation):
    page.goto(f"/admin/interface-strings/es/?q={search}")
    page.get_by_role("link", name=search, exact=True).click()
    page.locator("textarea[name=form_0]").fill(translation)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Translation saved: it is live within a minute.")).to_be_visible()


def test_a_spanish_translator_fixes_the_add_to_cart_button(
    live_server, catalog, browser_page, mailoutbox, _overrides_forgotten
):
    page = browser_page
    kettle_es = catalog["kettle"]["es"]
    make_translator("tanya", locales=("es",))
    page.goto(kettle_es.url)  # a first visitor: the page is in the page cache now
    expect(page.get_by_role("button", name="Añadir al carrito")).to_be_visible()

    # When the Spanish translator rewords the button and the confirmation email's subject
    sign_in(page, "tanya", "pw-translator-1")
    fix_string(page, "Add to cart", "Meter en la cesta")
    fix_string(page, "Your order %(number)s at %(shop)s", "Su pedido %(number)s de %(shop)s")

    # Then a visitor (a browser of their own: this one keeps the public page in its HTTP cache) sees the Spanish
    # product page with it at once, its cached copy purged, and the Russian one untouched
    visitor = page.context.browser.new_context(base_url=live_server.url)
    shopper = visitor.new_page()
    shopper.goto(kettle_es.url)
    expect(shopper.get_by_role("button", name="Meter en la cesta")).to_be_visible()
    shopper.goto(catalog["kettle"]["ru"].url)
    expect(shopper.get_by_role("button", name="В корзину")).to_be_visible()
    visitor.close()
    # And an email sent afterwards uses the new subject
    order = make_paid_order(lines=[(ProductFactory(sku="KET-9", price="20.00"), 1, "Hervidor")], language="es")
    emails.send_confirmation(order.pk)
    assert mailoutbox[-1].subject == f"Su pedido {order.number} de My Shop"


def test_a_russian_translator_cannot_open_the_spanish_strings(live_server, homes, browser_page):
    page = browser_page
    make_translator("ivan", locales=("ru",))

    sign_in(page, "ivan", "pw-translator-1")
    page.goto("/admin/interface-strings/es/")
    expect(page).to_have_url(f"{live_server.url}{reverse('wagtailadmin_home')}")
    page.goto("/admin/interface-strings/")
    expect(page).to_have_url(f"{live_server.url}/admin/interface-strings/ru/")
    expect(page.get_by_role("link", name="Español")).to_have_count(0)
