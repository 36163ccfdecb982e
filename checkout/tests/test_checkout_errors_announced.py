"""A checkout form sent back with errors announces them: a summary at its top (focused by `js/shop.js`) linking to
each field, and each field naming its message with aria-describedby; the shipping methods are a named group."""

import re

import pytest

from demo.shipping import ensure_shipping_and_taxes

from .test_checkout_pages import add, checkout, url

pytestmark = pytest.mark.django_db


def summary_of(html):
    found = re.search(r'<div class="error-summary" role="alert" tabindex="-1"[^>]*>(.*?)</div>', html, re.S)
    return found and re.sub(r"\s+", " ", found.group(1)).strip()


def test_errors_are_summarised_at_the_top_and_linked_to_their_fields(client, shop):
    add(client, shop["mug"], 1)

    html = checkout(client, first_name="", email="not-an-email").content.decode()

    assert summary_of(html) == (
        '<h2 class="error-summary__title" id="error-summary-title">There is a problem</h2> '
        '<ul class="error-summary__list"> '
        '<li><a href="#id_first_name">First name: This field is required.</a></li>'
        '<li><a href="#id_email">Email: Enter a valid email address.</a></li> </ul>'
    )
    first_name = re.search(r'<input type="text" name="first_name"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in first_name
    assert 'aria-describedby="id_first_name_error"' in first_name
    assert '<ul class="errorlist" id="id_first_name_error"><li>This field is required.</li></ul>' in html


def test_a_valid_form_has_no_summary(client, shop):
    add(client, shop["mug"], 1)

    assert summary_of(client.get(url("checkout:checkout")).content.decode()) is None


def test_the_summary_is_in_the_shoppers_language(client, catalog):
    add(client, catalog["mug"]["es"].product, 1, language="es")

    html = checkout(client, language="es", first_name="").content.decode()

    assert '<h2 class="error-summary__title" id="error-summary-title">Hay un problema</h2>' in html


def test_the_shipping_methods_are_a_group_named_by_its_legend(client, shop):
    ensure_shipping_and_taxes()
    add(client, shop["mug"], 1)

    html = checkout(client, country="ES", shipping_method="").content.decode()

    group = re.search(r'<fieldset class="field field--choices[^"]*"([^>]*)>\s*<legend>(.*?)</legend>', html)
    assert group.group(2) == "Shipping"
    assert group.group(1) == ' aria-describedby="id_shipping_method_error"'
    assert '<li><a href="#id_shipping_method_0">Shipping: Please choose a shipping method.</a></li>' in html
