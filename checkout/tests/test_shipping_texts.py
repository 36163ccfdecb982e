"""How a shipping method reads at checkout, in each language: its delivery estimate (one number when both ends are
equal, plurals as each language has them) and its free-delivery threshold as money, "from" as the rule is (≥)."""

import html as html_module

import pytest
from django.utils import translation

from checkout.shipping.options import delivery_estimate
from products.models import Product, ProductVariant

from .factories import CUSTOMER
from .test_checkout_pages import add, form_key, url
from .test_shipping_checkout import shipping  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "min_days", "max_days", "text"),
    [
        ("en", 1, 1, "1 business day"),
        ("en", 3, 3, "3 business days"),
        ("en", 2, 4, "2–4 business days"),
        ("es", 1, 1, "1 día laborable"),
        ("es", 2, 2, "2 días laborables"),
        ("es", 3, 7, "3–7 días laborables"),
        ("ru", 1, 1, "1 рабочий день"),
        ("ru", 2, 2, "2 рабочих дня"),
        ("ru", 5, 5, "5 рабочих дней"),
        ("ru", 2, 4, "2–4 рабочих дня"),
        ("ru", 3, 7, "3–7 рабочих дней"),
        ("ru", 7, 21, "7–21 рабочий день"),
    ],
)
def test_a_delivery_estimate_reads_one_number_when_both_ends_are_equal(language, min_days, max_days, text):
    with translation.override(language):
        assert delivery_estimate(min_days, max_days) == text


def _shipping_labels(client, language, country="ES", update_shipping="1"):
    """The checkout page after "Update shipping options" (or, with `update_shipping=""`, after placing)."""
    page = client.get(url("checkout:checkout", language))
    data = {**CUSTOMER, "country": country, "submission_key": form_key(page)}
    if update_shipping:
        data["update_shipping"] = update_shipping
    response = client.post(url("checkout:checkout", language), data)
    assert response.status_code == 200
    return html_module.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("language", "express", "standard"),
    [
        (
            "en",
            "Express — $9.95 (1 business day). Next business day.",
            "Standard delivery — $4.95 (2–4 business days). Free on orders from $50.00. Tracked parcel.",
        ),
        (
            "es",
            "Urgente — 9,95\xa0US$ (1 día laborable). Al siguiente día laborable.",
            "Envío estándar — 4,95\xa0US$ (2–4 días laborables). Gratis en pedidos desde 50,00\xa0US$. "
            "Paquete con seguimiento.",
        ),
        (
            "ru",
            "Экспресс — 9,95\xa0$ (1 рабочий день). На следующий рабочий день.",
            "Стандартная доставка — 4,95\xa0$ (2–4 рабочих дня). Бесплатно при заказе от 50,00\xa0$. "
            "Посылка с отслеживанием.",
        ),
    ],
)
def test_methods_print_their_estimate_and_free_threshold_as_money(
    client,
    catalog,
    shipping,  # noqa: F811
    language,
    express,
    standard,
):
    # Given the demo's methods in three languages, and a cart of one kettle (24.50), below free delivery from 50.00
    add(client, catalog["kettle"]["en"].product, 1, language)

    # When the shopper asks for the methods to Spain, in `language`
    html = _shipping_labels(client, language)

    # Then Express says one day, and the standard method says from which amount it is free, as money
    assert express in html
    assert standard in html
    assert "1–1" not in html


def test_at_exactly_the_threshold_the_method_is_free_and_says_no_more_about_it(client, shop, shipping):  # noqa: F811
    # Given a cart of exactly 50.00: two kettles at 25.00
    Product.objects.filter(pk=shop["kettle"].pk).update(price="25.00")
    ProductVariant.objects.filter(product=shop["kettle"]).update(price=None)
    add(client, shop["kettle"], 2)

    # When the shopper asks for the methods to Spain
    html = _shipping_labels(client, "en")

    # Then the standard method is free, as the threshold promised
    assert "Standard delivery — free (2–4 business days). Tracked parcel." in html
    assert "Free on orders from" not in html


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "it weighs 20.7 kg"),
        ("es", "pesa 20,7 kg"),
        ("ru", "весит 20,7 кг"),
    ],
)
def test_a_heavy_carts_weight_is_written_as_numbers_are_in_the_language(client, shop, shipping, language, sentence):  # noqa: F811
    # Given a cart of 20.7 kg, above every method's 20 kg
    Product.objects.filter(pk=shop["kettle"].pk).update(weight=10350)
    add(client, shop["kettle"], 2, language)

    # When the shopper sends the checkout form to ship it to Russia in `language`
    html = _shipping_labels(client, language, country="RU", update_shipping="")

    # Then the error writes the weight with the language's decimal separator
    assert sentence in html
