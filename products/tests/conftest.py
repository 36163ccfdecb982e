"""Fixtures shared by the products app's tests."""

from decimal import Decimal

import pytest
from wagtail.models import Locale

from products.models import OptionValue
from products.tests import factories


@pytest.fixture
def tee(catalog):
    """A T-shirt at 20.00 in Red/M (2), Red/L (0) and Blue/M (5, at 22.00), with its page in en/es/ru and its
    option values translated to Spanish."""
    colour, colours = factories.option_type("Colour", ["Red", "Blue"])
    size, sizes = factories.option_type("Size", ["M", "L"])
    spanish = Locale.objects.get(language_code="es")
    for value, name in ((colours["Red"], "Rojo"), (colours["Blue"], "Azul")):
        OptionValue.objects.create(
            option_type=colour,
            name=name,
            locale=spanish,
            translation_key=value.translation_key,
        )
    product = factories.ProductFactory(sku="TEE", name="T-shirt", price=Decimal("20.00"), default_variant=None)
    variants = {
        "red-m": factories.add_variant(product, "TEE-RED-M", stock=2, options=[colours["Red"], sizes["M"]]),
        "red-l": factories.add_variant(product, "TEE-RED-L", stock=0, options=[colours["Red"], sizes["L"]]),
        "blue-m": factories.add_variant(
            product, "TEE-BLU-M", stock=5, price=Decimal("22.00"), options=[colours["Blue"], sizes["M"]]
        ),
    }
    page = factories.add_product_page(catalog["category"]["en"], product, title="T-shirt")
    pages = {"en": page, "es": factories.translate(page, "es", title="Camiseta")}
    return {"product": product, "variants": variants, "pages": pages, "sizes": sizes, "colours": colours}
