"""A shopper who uses only the keyboard finds a T-shirt with the search box, picks its colour and size, adds it,
changes the quantity in the cart, applies a discount code, fills checkout (first with errors), chooses shipping and
pays on the test-card page.

Every key press that moves the focus lands on an element whose focus is visible (an outline or a box shadow, on it
or on the label around it); after a failed submit the focus is on the error summary; and tabbing through the
product page and the checkout page reaches their end and comes back to the start (no keyboard trap).
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from checkout.models import Order
from coupons.tests.factories import CouponFactory
from demo.shipping import ensure_shipping_and_taxes
from products.tests import factories

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# What has the focus, and whether it is visible: an outline or box shadow on the element or on its label.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) {
        return null;
    }
    const shows = (node) => {
        const style = getComputedStyle(node);
        const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
        return outline || style.boxShadow !== "none";
    };
    const label = element.closest("label");
    return {
        html: element.outerHTML.slice(0, 160),
        visible: shows(element) || (label !== null && shows(label)),
    };
}"""
TAB_LIMIT = 80


def focused(page):
    return page.evaluate(FOCUSED)


def assert_focus_visible(page):
    now = focused(page)
    assert now is not None, "the focus is lost (on the page's body)"
    assert now["visible"], f"the focus is not visible on {now['html']}"


def press(page, key):
    """Press `key` and check that wherever the focus went, it shows."""
    page.keyboard.press(key)
    assert_focus_visible(page)


def tab_to(page, selector, key="Tab"):
    """Tab (or `key`) until the focused element matches `selector`, each step's focus visible."""
    for _ in range(TAB_LIMIT):
        press(page, key)
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{TAB_LIMIT} presses of {key} never reached {selector}")


def assert_no_keyboard_trap(page):
    """Tabbing from the top goes through the whole page and back to the address bar's side (the first element)."""
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    page.keyboard.press("Tab")
    first = focused(page)["html"]
    seen = 1
    for _ in range(TAB_LIMIT * 2):
        page.keyboard.press("Tab")
        now = focused(page)
        if now is not None and now["html"] == first:
            return
        seen += 1
    raise AssertionError(f"after {seen} presses of Tab the focus never came back to the start: a keyboard trap")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


@pytest.fixture
def tee(catalog, settings):
    """A T-shirt in Red and Blue, M and L (Blue / L sold out), a 10 % code, the demo's shipping, the test-card page."""
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_OFFLINE_ALLOWED = True
    ensure_shipping_and_taxes()
    CouponFactory(code="TEN-OFF", value=10)
    _colour, colours = factories.option_type("Colour", ["Red", "Blue"])
    _size, sizes = factories.option_type("Size", ["M", "L"])
    product = factories.ProductFactory(sku="TEE", name="T-shirt", price=Decimal("20.00"), default_variant=None)
    for colour, size, stock in (("Red", "M", 5), ("Red", "L", 5), ("Blue", "M", 5), ("Blue", "L", 0)):
        factories.add_variant(product, f"TEE-{colour}-{size}", stock=stock, options=[colours[colour], sizes[size]])
    return factories.add_product_page(catalog["category"]["en"], product, title="T-shirt")


def test_a_shopper_buys_a_t_shirt_with_the_keyboard_only(browser_page, live_server, tee):
    page = browser_page
    page.goto("/en/")

    # Find the product: the search box, a suggestion chosen with the arrow keys
    type_into(page, "input[role=combobox]", "T-sh")
    expect(page.get_by_role("listbox", name="Product suggestions").get_by_role("option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("T-shirt")
    assert_no_keyboard_trap(page)

    # Pick Blue, then see that Blue / L is sold out, and keep M
    page.evaluate("() => document.activeElement?.blur()")
    tab_to(page, "input[type=radio][name^=option-]:checked")  # the colour group: Red
    press(page, "ArrowRight")
    expect(page.get_by_role("group", name="Colour").get_by_label("Blue")).to_be_checked()
    expect(page.get_by_role("group", name="Size").locator("label", has_text="L")).to_contain_text("(Out of stock)")
    tab_to(page, "input[type=radio][name^=option-]:checked")  # the size group: M
    expect(page.locator("[data-variant-sku]")).to_have_text("TEE-Blue-M")
    type_into(page, "input[name=quantity]", "")
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    tab_to(page, ".buy-box button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    messages = page.locator("[data-messages]")  # the live region
    expect(messages).to_have_text("Added to your cart.")

    # The cart: the quantity changed to 3, a discount code applied
    page.evaluate("() => document.activeElement?.blur()")
    tab_to(page, ".cart-link")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "input[name=quantity]")
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(messages).to_have_text("Your cart was updated.")
    expect(page.locator("input[name=quantity]")).to_have_value("3")
    type_into(page, "input[name=code]", "TEN-OFF")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(messages).to_have_text("The code TEN-OFF was applied.")

    # Checkout: placing the order without details fails, and the focus is on the list of errors
    tab_to(page, "a[href$='/checkout/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "button.btn--primary[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    assert_focus_visible(page)
    expect(summary).to_contain_text("First name: This field is required.")
    assert_no_keyboard_trap(page)

    # Its links lead to the fields; the details typed in, Spain chosen, the shipping options refreshed
    page.evaluate("() => document.querySelector('.error-summary').focus()")
    tab_to(page, ".error-summary a")
    page.keyboard.press("Enter")
    expect(page.locator("[name=first_name]")).to_be_focused()
    page.keyboard.type("Ana")
    for name, value in (
        ("last_name", "Pérez"),
        ("email", "ana@example.com"),
        ("address", "Calle Mayor 1"),
        ("postal_code", "28001"),
        ("city", "Madrid"),
    ):
        type_into(page, f"[name={name}]", value)
    tab_to(page, "select[name=country]")
    page.keyboard.type("Spain")
    expect(page.locator("select[name=country]")).to_have_value("ES")
    tab_to(page, "button[name=update_shipping]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # A shipping method chosen with the arrow keys, then the order placed
    tab_to(page, "input[name=shipping_method]")
    press(page, "ArrowDown")  # the second method: Express
    expect(page.locator("input[name=shipping_method]").nth(1)).to_be_checked()
    tab_to(page, "button.btn--primary[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Pay on the test-card page, by keyboard
    tab_to(page, "form[action$='/pay/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    type_into(page, "[name=number]", "4242 4242 4242 4242")
    type_into(page, "[name=expiry]", "12 / 34")
    type_into(page, "[name=cvc]", "123")
    with page.expect_navigation(timeout=60_000):
        page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you, your order is paid")
    order = Order.objects.get()
    assert order.status == Order.Status.PAID
    assert [(line.sku, line.quantity) for line in order.lines.all()] == [("TEE-Blue-M", 3)]
    assert order.coupon_code == "TEN-OFF"
