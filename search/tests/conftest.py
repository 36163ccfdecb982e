"""A catalog to search: the shared `catalog` (Kitchen: Kettle, Mug) plus Garden › Watering can."""

import pytest
from wagtail.rich_text import RichText

from products.tests import factories


@pytest.fixture
def shop(catalog, homes):
    """`catalog` plus Garden › Watering can (out of stock, with body text), translated and published everywhere."""
    garden = factories.add_category(homes["en"], "Garden")
    can = factories.add_product_page(
        garden,
        factories.ProductFactory(sku="WCAN-7", name="Watering can", price="15.00", stock=0),
        short_description="Galvanised steel, ten litres.",
        body=[("paragraph", RichText("<p>A long spout for seedlings.</p>"))],
    )
    gardens = {"en": garden}
    cans = {"en": can}
    for code, garden_title, can_title in (("es", "Jardín", "Regadera"), ("ru", "Сад", "Лейка")):
        gardens[code] = factories.translate(garden, code, title=garden_title)
        cans[code] = factories.translate(can, code, title=can_title)
    return {**catalog, "garden": gardens, "can": cans}
