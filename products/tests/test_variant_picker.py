"""The variant picker: one named radio group per option type on the product page, each value saying when its
combination is sold out or does not exist; the form posts the chosen values and the server resolves the variant,
answering bad input with a translated message (never a 500)."""

import json
import re
from html import unescape

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from products.variant_picker import VariantChoiceError, resolve

pytestmark = pytest.mark.django_db


def groups_of(html):
    """[(legend, [(value name, state text, checked)])] of the page's picker."""
    groups = []
    for legend, body in re.findall(
        r'<fieldset class="option-group">\s*<legend class="option-group__name">(.*?)</legend>(.*?)</fieldset>',
        html,
        re.S,
    ):
        choices = re.findall(
            r'<input type="radio" name="option-\d+" value="\d+"( checked)? required>\s*'
            r'<span class="option-choice__name">(.*?)</span>\s*'
            r'<span class="option-choice__state" data-option-state>(.*?)</span>',
            body,
            re.S,
        )
        groups.append((legend, [(name, state, bool(checked)) for checked, name, state in choices]))
    return groups


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)._queued_messages]


def options(tee, colour, size):
    """The picker's fields for `colour` and `size` (value names in English)."""
    colours, sizes = tee["colours"], tee["sizes"]
    return {
        f"option-{colours[colour].option_type_id}": str(colours[colour].pk),
        f"option-{sizes[size].option_type_id}": str(sizes[size].pk),
    }


def test_the_page_offers_one_named_group_per_option_with_unbuyable_values_said_in_words(client, tee):
    html = client.get(tee["pages"]["es"].url).content.decode()

    # Red / M is offered first; Red / L is sold out
    assert groups_of(html) == [
        ("Colour", [("Rojo", "", True), ("Azul", "", False)]),
        ("Size", [("M", "", True), ("L", "(Agotado)", False)]),
    ]
    assert f'<input type="hidden" name="product" value="{tee["product"].pk}">' in html
    assert 'name="variant"' not in html


def test_values_are_marked_relative_to_the_variant_offered_first(client, tee):
    blue = tee["variants"]["blue-m"]

    html = client.get(f"{tee['pages']['en'].url}?variant={blue.pk}").content.decode()

    # Blue / L does not exist
    assert groups_of(html) == [
        ("Colour", [("Red", "", False), ("Blue", "", True)]),
        ("Size", [("M", "", True), ("L", "(Not available)", False)]),
    ]


def test_the_picker_carries_each_variants_data_for_the_script(client, tee):
    html = client.get(tee["pages"]["en"].url).content.decode()

    data = json.loads(unescape(re.search(r'data-variants="([^"]*)"', html).group(1)))
    assert data["states"] == {"sold-out": "Out of stock", "missing": "Not available"}
    assert [(v["sku"], v["options"], v["price"], v["max"], v["stockText"]) for v in data["variants"]] == [
        ("TEE-RED-M", sorted([tee["colours"]["Red"].pk, tee["sizes"]["M"].pk]), "$20.00", 2, "Only 2 left"),
        ("TEE-RED-L", sorted([tee["colours"]["Red"].pk, tee["sizes"]["L"].pk]), "$20.00", 1, "Out of stock"),
        ("TEE-BLU-M", sorted([tee["colours"]["Blue"].pk, tee["sizes"]["M"].pk]), "$22.00", 5, "In stock"),
    ]


def test_the_chosen_values_put_their_variant_into_the_cart(client, tee):
    blue = tee["variants"]["blue-m"]

    response = client.post(
        reverse("cart:add"), {"product": str(tee["product"].pk), **options(tee, "Blue", "M"), "quantity": "2"}
    )

    assert response.status_code == 302
    assert messages_of(response) == ["Added to your cart."]
    assert client.session["cart"] == {str(blue.pk): {"quantity": 2, "price": "22.00"}}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda tee, data: data.pop(f"option-{tee['sizes']['M'].option_type_id}"), "Please choose a value for “Size”."),
        (
            lambda tee, data: data.update({f"option-{tee['sizes']['M'].option_type_id}": "999999"}),
            "Please choose one of the values offered for “Size”.",
        ),
        (
            lambda tee, data: data.update({f"option-{tee['sizes']['M'].option_type_id}": "large"}),
            "Please choose one of the values offered for “Size”.",
        ),
        (
            lambda tee, data: data.update({f"option-{tee['sizes']['M'].option_type_id}": "1" * 40}),
            "Please choose one of the values offered for “Size”.",
        ),
        (  # a colour's value in the size's field
            lambda tee, data: data.update(
                {f"option-{tee['sizes']['M'].option_type_id}": str(tee["colours"]["Red"].pk)}
            ),
            "Please choose one of the values offered for “Size”.",
        ),
        (
            lambda tee, data: data.update(options(tee, "Blue", "L")),
            "This combination is not available. Please choose another.",
        ),
        (lambda tee, data: data.update(options(tee, "Red", "L")), "Sorry, this product is out of stock."),
        (lambda tee, data: data.update({"product": "999999"}), "Sorry, this product is not available."),
        (lambda tee, data: data.update({"product": "tee"}), "Sorry, this product is not available."),
        (lambda tee, data: data.pop("product"), "Sorry, this product is not available."),
    ],
    ids=[
        "missing",
        "unknown value",
        "not a number",
        "too long",
        "another option's value",
        "no such combination",
        "sold out",
        "unknown product",
        "product not a number",
        "no product",
    ],
)
def test_bad_choices_are_told_and_change_nothing(client, tee, change, message):
    data = {"product": str(tee["product"].pk), **options(tee, "Red", "M"), "quantity": "1"}
    change(tee, data)

    response = client.post(reverse("cart:add"), data)

    assert response.status_code == 302
    assert messages_of(response) == [message]
    assert "cart" not in client.session


def test_a_bad_choice_is_told_in_the_shoppers_language(client, tee):
    data = {"product": str(tee["product"].pk), **options(tee, "Blue", "L"), "quantity": "1"}

    with translation.override("ru"):
        url = reverse("cart:add")
    response = client.post(url, data)

    assert response.status_code == 302
    assert messages_of(response) == ["Такой комбинации нет в продаже. Выберите другую."]


def test_an_option_sent_twice_is_refused(client, tee):
    field = f"option-{tee['sizes']['M'].option_type_id}"
    data = {"product": str(tee["product"].pk), **options(tee, "Red", "M"), "quantity": "1"}
    data[field] = [str(tee["sizes"]["M"].pk), str(tee["sizes"]["L"].pk)]

    response = client.post(reverse("cart:add"), data)

    assert messages_of(response) == ["The form was sent with a field twice. Please try again."]
    assert "cart" not in client.session


def test_resolve_finds_the_variant_with_exactly_the_chosen_values(tee):
    variants = list(tee["product"].variants.all())

    assert resolve(variants, options(tee, "Red", "L")) == tee["variants"]["red-l"]
    with pytest.raises(VariantChoiceError) as raised:
        resolve(variants, {**options(tee, "Blue", "L"), "option-999999": "1"})
    assert raised.value.message == "This combination is not available. Please choose another."
