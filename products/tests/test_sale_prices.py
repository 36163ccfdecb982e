"""Sale prices: a sale price with an optional window; the one price in force for pages, cart and order; the
old price struck through with the saving said in words; priceValidUntil; cached pages purged at the edges."""

import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from unittest.mock import patch

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from products.cache import purge_sale_edges
from products.models import Product, ProductVariant
from products.tests.factories import ProductFactory, variant_of

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
END = datetime(2026, 12, 8, 0, 0, tzinfo=UTC)


def on_sale(price="24.50", sale_price="19.50", starts=START, ends=END):
    return Product(
        sku="KET-1",
        name="Kettle",
        price=Decimal(price),
        sale_price=Decimal(sale_price),
        sale_starts_at=starts,
        sale_ends_at=ends,
    )


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (START - timedelta(seconds=1), Decimal("24.50")),
        (START, Decimal("19.50")),
        (END - timedelta(seconds=1), Decimal("19.50")),
        (END, Decimal("24.50")),
    ],
)
def test_the_sale_price_is_in_force_inside_its_window_only(moment, expected):
    assert on_sale().price_at(moment) == expected


def test_a_sale_without_a_window_is_on_until_removed_and_a_sale_price_not_lower_is_no_sale():
    assert on_sale(starts=None, ends=None).price_at(END + timedelta(days=400)) == Decimal("19.50")
    assert on_sale(sale_price="24.50", starts=None, ends=None).price_at(START) == Decimal("24.50")


def test_price_valid_until_is_the_next_edge():
    product = on_sale()

    assert product.price_valid_until(START - timedelta(days=1)) == START
    assert product.price_valid_until(START + timedelta(days=1)) == END
    assert product.price_valid_until(END) is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"sale_price": Decimal("24.50")}, "sale_price"),
        ({"sale_price": None, "sale_starts_at": START}, "sale_price"),
        ({"sale_price": Decimal("19.50"), "sale_starts_at": END, "sale_ends_at": START}, "sale_ends_at"),
    ],
)
def test_an_inconsistent_sale_is_refused(fields, field):
    product = ProductFactory.build(price=Decimal("24.50"), **fields)

    with pytest.raises(ValidationError) as refused:
        product.full_clean()

    assert field in refused.value.message_dict


def start_sale_now(product, sale_price="19.50", hours=2):
    now = timezone.now()
    Product.objects.filter(pk=product.pk).update(
        sale_price=Decimal(sale_price),
        sale_starts_at=now - timedelta(hours=1),
        sale_ends_at=now + timedelta(hours=hours),
    )
    return now + timedelta(hours=hours)


def test_every_locale_shows_the_old_price_struck_through_and_the_saving_in_words(client, catalog):
    start_sale_now(catalog["kettle"]["en"].product)

    spanish = client.get(catalog["kettle"]["es"].url).content.decode()
    english = client.get(catalog["kettle"]["en"].url).content.decode()
    category = client.get(catalog["category"]["ru"].url).content.decode()

    assert '<ins class="price__now">19,50\xa0US$</ins>' in spanish
    assert '<del class="price__was">24,50\xa0US$</del>' in spanish
    assert "Ahorra 5,00\xa0US$" in spanish
    assert '<span class="visually-hidden">Precio de oferta:</span>' in spanish
    assert '<span class="visually-hidden">Precio habitual:</span>' in spanish
    assert "You save $5.00" in english
    assert '<del class="price__was">24,50\xa0$</del>' in category


def test_the_json_ld_offer_has_the_sale_price_and_its_last_day(client, catalog):
    ends = start_sale_now(catalog["kettle"]["en"].product, hours=30)

    html = client.get(catalog["kettle"]["en"].url).content.decode()

    payload = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert payload["offers"]["price"] == "19.50"
    assert payload["offers"]["priceValidUntil"] == timezone.localdate(ends - timedelta(microseconds=1)).isoformat()


def test_the_json_ld_offer_has_no_end_without_a_coming_edge(client, catalog):
    html = client.get(catalog["kettle"]["en"].url).content.decode()

    assert "priceValidUntil" not in html


def test_sorting_a_category_by_price_uses_the_price_in_force(client, catalog):
    # The kettle (24.50) on sale at 7.50 is now cheaper than the mug (8.00).
    start_sale_now(catalog["kettle"]["en"].product, sale_price="7.50")

    response = client.get(catalog["category"]["en"].url, {"sort": "price"})

    assert [page.title for page in response.context["products"]] == ["Kettle", "Mug"]


def test_a_cart_line_costs_the_price_in_force(client, shop):
    start_sale_now(shop["kettle"])

    client.post(reverse("cart:add"), {"variant": str(variant_of(shop["kettle"]).pk), "quantity": "2"})
    cart = client.get(reverse("cart:detail")).context["cart"]

    [line] = cart.lines
    assert (line.price, line.total, line.price_changed) == (Decimal("19.50"), Decimal("39.00"), False)


def test_the_pages_of_a_product_whose_sale_starts_or_ends_are_purged_once():
    now = timezone.now()
    starting = ProductFactory(
        price=Decimal("10.00"), sale_price=Decimal("8.00"), sale_starts_at=now - timedelta(seconds=30)
    )
    ending = ProductFactory(price=Decimal("10.00"), sale_price=Decimal("8.00"), sale_ends_at=now - timedelta(seconds=5))
    ProductFactory(price=Decimal("10.00"), sale_price=Decimal("8.00"), sale_starts_at=now + timedelta(minutes=5))
    ProductFactory(price=Decimal("10.00"), sale_price=Decimal("8.00"), sale_ends_at=now - timedelta(days=2))

    with patch("products.cache.purge_products") as purge:
        assert sorted(purge_sale_edges(now)) == sorted([starting.pk, ending.pk])
        assert purge_sale_edges(now + timedelta(minutes=1)) == []

    assert sorted(purge.call_args.args[0]) == sorted([starting.pk, ending.pk])
    assert purge.call_count == 1


def test_a_sale_applies_to_the_variants_without_a_price_of_their_own(client, catalog):
    """The sale price replaces the product's base price; a variant with its own price keeps it."""
    kettle = catalog["kettle"]["en"].product
    ProductVariant.objects.create(product=kettle, sku="KET-1-XL", price=Decimal("30.00"), stock=2)
    start_sale_now(kettle, sale_price="19.50")

    prices = {variant.sku: variant.unit_price for variant in ProductVariant.objects.filter(product=kettle)}
    card = client.get(catalog["category"]["en"].url).context["products"]

    assert prices == {"KET-1": Decimal("19.50"), "KET-1-XL": Decimal("30.00")}
    assert {page.title: (page.min_price, page.max_price) for page in card}["Kettle"] == (
        Decimal("19.50"),
        Decimal("30.00"),
    )
