"""Checkout with shipping and taxes (the demo's zones, methods and rates): the countries offered, the methods of a
country without JavaScript, what the order freezes, the re-checks at placing and at payment, Stripe's amounts."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages

from checkout.models import Order, ShippingMethod, ShippingZone, TaxRate
from checkout.orders import services
from checkout.orders.exceptions import ShippingUnavailable
from checkout.payments.providers import stripe_checkout as stripe_provider
from checkout.shipping.options import cart_weight
from demo.shipping import ensure_shipping_and_taxes
from products.models import Product, ProductVariant, TaxClass
from storefront.money import to_minor_units
from storefront.tests.money_rows import money_rows

from .conftest import ListCart
from .factories import CUSTOMER
from .payment_fixtures import post_webhook
from .test_checkout_pages import add, form_key, url

pytestmark = pytest.mark.django_db

RUSSIAN = {**CUSTOMER, "first_name": "Борис", "city": "Москва", "postal_code": "101000", "country": "RU"}


@pytest.fixture
def shipping(db):
    """The demo's zones, methods and rates (after `shop` or `catalog`); the kettle (24.50) weighs 900 g, the mug
    (8.00) 300 g."""
    ensure_shipping_and_taxes()
    Product.objects.filter(sku="KET-1").update(weight=900)
    Product.objects.filter(sku="MUG-1").update(weight=300)


def method(name, zone=None):
    methods = ShippingMethod.objects.filter(name=name, locale__language_code="en")
    return methods.get(zone__name=zone) if zone else methods.get()


def test_only_the_countries_the_shop_ships_to_are_offered(client, shop, shipping):
    add(client, shop["kettle"])

    html = client.get(url("checkout:checkout")).content.decode()

    assert '<option value="ES">Spain</option>' in html and '<option value="RU">Russia</option>' in html
    assert '<option value="CN">' not in html and '<option value="GB">' not in html


def test_a_shop_without_zones_ships_everywhere_for_free(client, shop):
    add(client, shop["kettle"])

    response = client.post(
        url("checkout:checkout"),
        {**CUSTOMER, "country": "CN", "submission_key": form_key(client.get(url("checkout:checkout")))},
    )

    order = Order.objects.get()
    assert response.status_code == 302
    assert (order.country, order.shipping_name, order.shipping_price, order.total) == (
        "CN",
        "",
        Decimal("0"),
        Decimal("24.50"),
    )


def test_update_shipping_options_shows_the_methods_of_the_country_without_placing(client, shop, shipping):
    add(client, shop["kettle"])
    page = client.get(url("checkout:checkout"))

    response = client.post(
        url("checkout:checkout"),
        {**RUSSIAN, "submission_key": form_key(page), "update_shipping": "1"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert Order.objects.count() == 0
    assert "International post — $14.95 (7–21 business days)" in html
    assert "Standard delivery" not in html  # Spain's and the EU's methods are not Russia's
    # The summary: the method, the 20 % tax the prices include (4.08 of the kettle + 2.49 of shipping), the total
    assert "Shipping: International post" in html and "Including tax 20%" in html
    assert "$6.57" in html and "$39.45" in html
    assert "This field is required" not in html


def test_a_russian_order_freezes_shipping_and_the_tax_per_rate(client, shop, shipping):
    add(client, shop["kettle"])
    page = client.get(url("checkout:checkout"))
    post = method("International post")

    response = client.post(
        url("checkout:checkout"), {**RUSSIAN, "submission_key": form_key(page), "shipping_method": str(post.pk)}
    )

    order = Order.objects.get()
    assert response.status_code == 302
    assert (order.shipping_method, order.shipping_name, order.shipping_price, order.shipping_tax) == (
        post,
        "International post",
        Decimal("14.95"),
        Decimal("2.49"),
    )
    assert (order.subtotal, order.tax, order.total, order.prices_include_tax) == (
        Decimal("24.50"),
        Decimal("6.57"),
        Decimal("39.45"),
        True,
    )
    assert order.tax_breakdown == [{"rate": "20.00", "net": "32.88", "tax": "6.57", "gross": "39.45"}]
    line = order.lines.get()
    assert (line.tax_rate, line.net, line.tax, line.gross) == (
        Decimal("20"),
        Decimal("20.42"),
        Decimal("4.08"),
        Decimal("24.50"),
    )

    # A later change of the rate or of the method's price never alters the order
    TaxRate.objects.filter(country="RU").update(rate=Decimal("22"))
    ShippingMethod.objects.filter(translation_key=post.translation_key).update(price=Decimal("30"))
    order.refresh_from_db()
    assert (order.total, order.tax, order.shipping_price) == (Decimal("39.45"), Decimal("6.57"), Decimal("14.95"))


def test_a_spanish_cart_over_50_ships_free_and_shows_both_rates(client, shop, shipping):
    Product.objects.filter(pk=shop["mug"].pk).update(tax_class=TaxClass.REDUCED)
    add(client, shop["kettle"], 2)
    add(client, shop["mug"])
    standard = method("Standard delivery", "Spain")  # Spain's comes first (sort order)

    page = client.get(url("checkout:checkout"))
    client.post(
        url("checkout:checkout"), {**CUSTOMER, "submission_key": form_key(page), "shipping_method": str(standard.pk)}
    )

    order = Order.objects.get()
    assert (order.shipping_name, order.shipping_price, order.total) == (
        "Standard delivery",
        Decimal("0.00"),
        Decimal("57.00"),
    )
    # 49.00 at 21 % holds 8.50; 8.00 at 10 % holds 0.73
    assert order.tax_breakdown == [
        {"rate": "10.00", "net": "7.27", "tax": "0.73", "gross": "8.00"},
        {"rate": "21.00", "net": "40.50", "tax": "8.50", "gross": "49.00"},
    ]
    html = client.get(url("checkout:order", token=order.token)).content.decode()
    assert "Shipping: Standard delivery" in html and "free" in html
    assert "Including tax 21%" in html and "$8.50" in html and "Including tax 10%" in html and "$0.73" in html


def test_the_methods_are_named_in_the_shoppers_language(client, catalog, shipping):
    add(client, catalog["kettle"]["es"].product, language="es")
    page = client.get(url("checkout:checkout", "es"))

    response = client.post(
        url("checkout:checkout", "es"),
        {**CUSTOMER, "submission_key": form_key(page), "update_shipping": "1"},
    )

    html = response.content.decode()
    assert "Envío estándar" in html and "Urgente" in html
    assert "4,95" in html and "días laborables" in html


def test_a_cart_too_heavy_for_every_method_is_told_clearly(client, shop, shipping):
    Product.objects.filter(pk=shop["kettle"].pk).update(weight=12000)
    add(client, shop["kettle"], 2)  # 24 kg: above every method's 20 kg
    page = client.get(url("checkout:checkout"))

    response = client.post(url("checkout:checkout"), {**CUSTOMER, "country": "RU", "submission_key": form_key(page)})

    html = response.content.decode()
    assert response.status_code == 200
    assert Order.objects.count() == 0
    assert "We cannot ship this cart to Russia: it weighs 24 kg" in html


def test_a_method_that_stopped_applying_before_placing_is_refused_and_the_cart_kept(client, shop, shipping):
    add(client, shop["kettle"])
    express = method("Express")
    page = client.get(url("checkout:checkout"))
    ShippingMethod.objects.filter(translation_key=express.translation_key).update(active=False)

    response = client.post(
        url("checkout:checkout"), {**CUSTOMER, "submission_key": form_key(page), "shipping_method": str(express.pk)}
    )

    assert response.status_code == 200
    assert Order.objects.count() == 0
    assert "That shipping method is not available for this country" in response.content.decode()
    assert client.session["cart"]


def test_place_order_checks_the_method_again_under_the_locks(shop, shipping):
    express = method("Express")

    with pytest.raises(ShippingUnavailable) as refused:
        services.place_order(
            ListCart((shop["kettle"], 1)), {**CUSTOMER, "country": "RU"}, "en", shipping_method=express.pk
        )
    with pytest.raises(ShippingUnavailable):
        services.place_order(ListCart((shop["kettle"], 1)), dict(CUSTOMER), "en", shipping_method=None)

    assert "not available for this address and cart any more" in refused.value.message
    assert Order.objects.count() == 0


def test_the_free_threshold_counts_the_products_after_the_discount(shop, shipping):
    from coupons.tests.factories import CouponFactory

    coupon = CouponFactory(value=Decimal("10"))  # 10 % off 49.00 = 44.10, below 50
    standard = method("Standard delivery", "Spain")

    order = services.place_order(
        ListCart((shop["kettle"], 2)), dict(CUSTOMER), "en", coupon_code=coupon.code, shipping_method=standard.pk
    )

    assert (order.discount, order.shipping_price, order.total) == (Decimal("4.90"), Decimal("4.95"), Decimal("49.05"))


# --- Stripe ---------------------------------------------------------------------------------------------------


def place(shop, country="RU", name="International post", quantity=1, language="en"):
    customer = {**CUSTOMER, "country": country}
    cart = ListCart((shop["kettle"], quantity))
    return services.place_order(cart, customer, language, shipping_method=method(name).pk)


def test_stripe_gets_shipping_as_a_shipping_option_and_charges_the_order_total(client, shop, shipping, fake_stripe):
    order = place(shop)

    client.post(url("payment:start", token=order.token))

    (created,) = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    assert created.params["shipping_options"] == [
        {
            "shipping_rate_data": {
                "type": "fixed_amount",
                "display_name": "International post",
                "fixed_amount": {"amount": "1495", "currency": "usd"},
                "metadata": {"order_number": order.number},
                "delivery_estimate": {
                    "minimum": {"unit": "business_day", "value": "7"},
                    "maximum": {"unit": "business_day", "value": "21"},
                },
            }
        }
    ]
    assert [item["price_data"]["unit_amount"] for item in created.params["line_items"]] == ["2450"]
    session = next(iter(fake_stripe.sessions.values()))
    assert session["amount_total"] == to_minor_units(order.total) == 3945
    assert session["total_details"]["amount_shipping"] == 1495


def test_without_tax_in_the_prices_stripe_gets_the_tax_as_a_line(client, shop, shipping, fake_stripe, settings):
    settings.PRICES_INCLUDE_TAX = False
    order = place(shop, language="ru")

    client.post(url("payment:start", token=order.token))

    (created,) = fake_stripe.requests_to("POST", "/v1/checkout/sessions")
    # 24.50 + 20 % = 4.90; shipping 14.95 + 20 % = 2.99
    assert [
        (i["price_data"]["product_data"]["name"], i["price_data"]["unit_amount"]) for i in created.params["line_items"]
    ] == [
        ("Kettle", "2450"),
        ("Налог", "789"),
    ]
    session = next(iter(fake_stripe.sessions.values()))
    assert order.total == Decimal("47.34")
    assert session["amount_total"] == 4734 == stripe_provider.checkout_amount(order)


def test_a_method_stopped_since_placing_cancels_the_order_before_stripe(client, shop, shipping, fake_stripe):
    order = place(shop)
    stock_after_placing = Product.objects.get(pk=shop["kettle"].pk).stock
    ShippingMethod.objects.filter(name="International post").update(active=False)

    response = client.post(url("payment:start", token=order.token), follow=True)

    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED
    assert Product.objects.get(pk=shop["kettle"].pk).stock == stock_after_placing + 1
    assert fake_stripe.requests_to("POST", "/v1/checkout/sessions") == []
    assert (
        any(
            "The shipping method of this order is not available any more." in str(m)
            for m in get_messages(response.wsgi_request)
        )
        or "The shipping method of this order is not available any more." in response.content.decode()
    )


def test_the_webhook_marks_paid_an_order_whose_total_holds_shipping_and_tax(client, shop, shipping, fake_stripe):
    order = place(shop)
    client.post(url("payment:start", token=order.token))
    session_id = next(iter(fake_stripe.sessions))
    fake_stripe.pay(session_id)

    response = post_webhook(client, fake_stripe.event("checkout.session.completed", session_id))

    order.refresh_from_db()
    assert response.status_code == 200
    assert (order.status, order.total) == (Order.Status.PAID, Decimal("39.45"))
    assert fake_stripe.payments[f"pi_{session_id}"]["amount"] == 3945


# --- The admin ------------------------------------------------------------------------------------------------


def test_a_shop_manager_adds_a_zone_by_country_names_and_a_country_stays_in_one_zone(
    client, shipping, django_user_model
):
    from django.conf import settings as django_settings

    from home.groups import ensure_groups

    ensure_groups()
    user = django_user_model.objects.create_user(username="marta", password="x")
    user.groups.add(Group.objects.get(name=django_settings.SHOP_MANAGERS_GROUP))
    client.force_login(user)

    created = client.post("/admin/snippets/checkout/shippingzone/add/", {"name": "Nordics", "countries": ["NO", "IS"]})
    clash = client.post("/admin/snippets/checkout/shippingzone/add/", {"name": "Iberia", "countries": ["PT", "ES"]})

    assert created.status_code == 302
    assert ShippingZone.objects.get(name="Nordics").countries == ["IS", "NO"]
    assert clash.status_code == 200 and "Already in another zone: ES, PT" in clash.content.decode()
    for listing in ("shippingzone", "shippingmethod", "taxrate"):
        assert client.get(f"/admin/snippets/checkout/{listing}/").status_code == 200


def test_an_editor_sees_no_shipping_or_tax_admin(client, shipping, django_user_model):
    from django.conf import settings as django_settings

    from home.groups import ensure_groups

    ensure_groups()
    user = django_user_model.objects.create_user(username="eva", password="x")
    user.groups.add(Group.objects.get(name=django_settings.EDITORS_GROUP))
    client.force_login(user)

    for listing in ("shippingzone", "shippingmethod", "taxrate"):
        assert client.get(f"/admin/snippets/checkout/{listing}/").status_code in (302, 403)


def test_the_cart_estimates_shipping_before_a_country_is_chosen(client, shop, shipping):
    add(client, shop["kettle"])
    small = client.get(url("cart:detail")).content.decode()
    add(client, shop["kettle"], 2)
    large = client.get(url("cart:detail")).content.decode()

    assert money_rows(small) == [
        ("subtotal", "Subtotal", "$24.50"),
        ("shipping", "Shipping", "from $4.95, by destination"),  # Spain's standard delivery
        ("tax", "Tax", "included"),
        ("total", "Total before shipping", "$24.50"),
    ]
    assert money_rows(large) == [  # 73.50: free over 50 in every zone
        ("subtotal", "Subtotal", "$73.50"),
        ("shipping", "Shipping", "free"),
        ("tax", "Tax", "included"),
        ("total", "Total", "$73.50"),
    ]


def test_a_cart_weighs_each_variants_own_weight_else_its_products(shop):
    """A variant without a weight of its own weighs its product's (`ProductVariant.shipping_weight`)."""
    Product.objects.filter(pk=shop["kettle"].pk).update(weight=500)
    default = ProductVariant.objects.get(product=shop["kettle"])
    heavy = ProductVariant.objects.create(product=shop["kettle"], sku="KET-1-XL", weight=900, stock=1)
    default.refresh_from_db()

    assert cart_weight([(default, 2), (heavy, 1)]) == 1900
