"""Every page a shopper sees passes axe-core's WCAG 2.2 A/AA rules (no serious or critical violation, target size
included), in English, Spanish and Russian, on a desktop and on a 390 px wide phone.

One journey per language and width walks the whole shop in one browser context: home; a category sorted, filtered
and on its second page; a product with its gallery, variant picker and "bought together"; search with results,
without and with the suggestions open; the cart empty, full and with a wrong code; checkout empty, with errors,
with its shipping methods and with a cart too heavy to ship; an order; the payment result pages and the test-card
page; and the account pages (sign-in with an error, sign-up, password reset, My orders, an order, addresses).
Every violation found on the way is listed (rule, element, page) when the journey fails.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

import products.models.category
from accounts.tests.factories import PASSWORD, make_address, make_customer
from checkout.models import Order
from checkout.tests.factories import make_order
from demo.shipping import ensure_shipping_and_taxes
from products.tests import factories

from .accessibility import violations
from .conftest import DESKTOP

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
SEARCH_WORDS = {"en": ("Kettle", "ket"), "es": ("Hervidor", "her"), "ru": ("Чайник", "чай")}


@pytest.fixture
def whole_shop(catalog, settings, monkeypatch):
    """The translated kitchen with a T-shirt in colours and sizes (a gallery and "bought together" below), an anvil
    too heavy to ship, the demo's shipping, two products a page (so the category has a second page) and the
    test-card page instead of Stripe."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_OFFLINE_ALLOWED = True
    monkeypatch.setattr(products.models.category, "PRODUCTS_PER_PAGE", 2)
    ensure_shipping_and_taxes()
    _colour, colours = factories.option_type("Colour", ["Red", "Blue"])
    _size, sizes = factories.option_type("Size", ["S", "M", "L"])
    tee = factories.ProductFactory(sku="TEE", name="T-shirt", price=Decimal("20.00"), default_variant=None)
    for colour in ("Red", "Blue"):
        for size, stock in (("S", 0), ("M", 5), ("L", 3)):
            if (colour, size) != ("Blue", "L"):
                factories.add_variant(tee, f"TEE-{colour}-{size}", stock=stock, options=[colours[colour], sizes[size]])
    tee_page = factories.add_product_page(catalog["category"]["en"], tee, title="T-shirt", images=2)
    tee_page.body = [
        ("bought_together", {"heading": "", "count": 4, "fallback_products": [catalog["mug"]["en"].product]})
    ]
    factories.publish(tee_page)
    anvil = factories.ProductFactory(sku="ANV-1", name="Anvil", price=Decimal("90.00"), weight=40_000)
    anvil_page = factories.add_product_page(catalog["category"]["en"], anvil, title="Anvil")
    pages = {"tee": {"en": tee_page}, "anvil": {"en": anvil_page}}
    for code in ("es", "ru"):
        pages["tee"][code] = factories.translate(tee_page, code)
        pages["anvil"][code] = factories.translate(anvil_page, code)
    return {**catalog, **pages}


class Audit:
    """Runs axe on each page visited and keeps what it finds, so that one run lists every page's violations. Also
    checks what axe does not: the page says its language, its title names it before the shop's name, and each
    language switcher entry is marked with the language it leads to."""

    def __init__(self, page, language, viewport):
        self.page, self.language, self.where = page, language, f"{language}, {viewport['width']} px"
        self.found = []

    def check(self, name):
        self.page.wait_for_load_state("load")
        problems = violations(self.page)
        lang = self.page.locator("html").get_attribute("lang")
        if lang != self.language:
            problems.append(f'the page says lang="{lang}"')
        if not self.page.title().split(" · ")[0].strip():
            problems.append(f"the title names no page: {self.page.title()!r}")
        for link in self.page.locator(".language-switcher a").all():
            if not link.get_attribute("hreflang") or link.get_attribute("lang") != link.get_attribute("hreflang"):
                problems.append(f"a language link without its language: {link.evaluate('e => e.outerHTML')}")
        self.found += [f"[{self.where}] {name} ({self.page.url}): {line}" for line in problems]

    def visit(self, name, url):
        self.page.goto(url)
        self.check(name)


def submit(page, selector):
    """Press the form's submit button (`selector` finds it) and wait for the page the server answers with."""
    with page.expect_navigation():
        page.locator(selector).first.click()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "390px"])
@pytest.mark.parametrize("language", ["en", "es", "ru"])
def test_every_shopper_page_passes_axe(browser_page, live_server, whole_shop, language, viewport):
    page = browser_page
    page.set_viewport_size(viewport)
    audit = Audit(page, language, viewport)
    customer = make_customer(f"ana-{language}@example.com", language=language)
    make_address(customer)
    kettle = whole_shop["kettle"]["en"].product
    paid = make_order([(kettle, 1)], status=Order.Status.PAID, language=language, customer=customer)
    pending = make_order([(kettle, 1)], language=language)
    cancelled = make_order([(kettle, 1)], status=Order.Status.CANCELLED, language=language)
    word, start = SEARCH_WORDS[language]
    with translation.override(language):
        urls = {
            "search": reverse("search"),
            "cart": reverse("cart:detail"),
            "checkout": reverse("checkout:checkout"),
            "order": reverse("checkout:order", kwargs={"token": pending.token}),
            "paid": reverse("payment:status", args=[paid.token]),
            "cancelled": reverse("payment:status", args=[cancelled.token]),
            "pending": reverse("payment:status", args=[pending.token]),
            "login": reverse("account_login"),
            "signup": reverse("account_signup"),
            "reset": reverse("account_reset_password"),
            "orders": reverse("accounts:orders"),
            "account order": reverse("accounts:order", args=[paid.number]),
            "addresses": reverse("accounts:addresses"),
        }

    # The catalog
    audit.visit("home", f"/{language}/")
    audit.visit("category", whole_shop["category"][language].url + "?sort=price&in_stock=1&page=2")
    audit.visit("product", whole_shop["tee"][language].url)
    expect(page.locator(".stream .product-card").first).to_be_visible()  # "bought together" is there
    audit.visit("search results", f"{urls['search']}?q={word}")
    audit.visit("search without results", f"{urls['search']}?q=zzzqqq")
    box = page.locator(".site-header [role=combobox]").first
    box.fill("")
    box.press_sequentially(start, delay=30)
    expect(page.locator("[role=listbox]").first).to_be_visible()
    audit.check("search suggestions")

    # The cart and checkout
    audit.visit("empty cart", urls["cart"])
    audit.visit("empty checkout", urls["checkout"])
    page.goto(whole_shop["tee"][language].url)
    submit(page, ".buy-box button[type=submit]")
    audit.visit("cart", urls["cart"])
    page.locator("input[name=code]").fill("NO-SUCH-CODE")
    submit(page, ".coupon button[type=submit]")
    audit.check("cart with a wrong code")
    page.goto(urls["checkout"])
    submit(page, ".checkout__form form[method=post] button[type=submit]:not([name])")
    audit.check("checkout with errors")
    for name, value in (
        ("first_name", "Ana"),
        ("last_name", "Pérez"),
        ("email", "ana@example.com"),
        ("address", "Calle Mayor 1"),
        ("postal_code", "28001"),
        ("city", "Madrid"),
    ):
        page.locator(f"[name={name}]").fill(value)
    page.locator("[name=country]").select_option("ES")
    submit(page, "button[name=update_shipping]")
    expect(page.locator("input[name=shipping_method]").first).to_be_visible()
    audit.check("checkout with shipping methods")
    page.goto(whole_shop["anvil"][language].url)
    submit(page, ".buy-box button[type=submit]")
    audit.visit("checkout of a heavy cart", urls["checkout"])

    # An order and its payment
    audit.visit("order", urls["order"])
    audit.visit("paid", urls["paid"])
    audit.visit("cancelled", urls["cancelled"])
    page.goto(urls["pending"])
    submit(page, "form[action$='/pay/'] button[type=submit]")
    audit.check("test-card page")
    page.locator("[name=number]").fill("4000 0000 0000 0002")
    page.locator("[name=expiry]").fill("12 / 34")
    page.locator("[name=cvc]").fill("123")
    submit(page, "form[method=post] button[type=submit]")
    audit.check("test-card page, declined")

    # The account
    audit.visit("sign-up", urls["signup"])
    audit.visit("password reset", urls["reset"])
    page.goto(urls["login"])
    page.locator("[name=login]").fill(customer.email)
    page.locator("[name=password]").fill("wrong-password-1")
    submit(page, "main form[method=post] button[type=submit]")
    audit.check("sign-in with an error")
    page.locator("[name=password]").fill(PASSWORD)
    submit(page, "main form[method=post] button[type=submit]")
    audit.visit("my orders", urls["orders"])
    audit.visit("account order", urls["account order"])
    audit.visit("addresses", urls["addresses"])

    assert not audit.found, f"{len(audit.found)} accessibility violations:\n" + "\n".join(audit.found)
