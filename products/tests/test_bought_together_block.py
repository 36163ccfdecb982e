"""The "Bought together" block: on a product page for its product, elsewhere for the cart, then the editor's picks."""

import pytest

from checkout.tests.factories import order_with
from products.tests import factories

pytestmark = pytest.mark.django_db

HEADINGS = {"en": "Bought together", "es": "Comprados juntos", "ru": "Покупают вместе"}


@pytest.fixture(autouse=True)
def database_recommender(settings):
    """These tests are about the block; the database recommender gives it the suggestions."""
    settings.REDIS_URL = ""


@pytest.fixture
def shop(catalog):
    """The catalog plus a teapot (in en, es, ru) and a sold-out sugar bowl; the kettle was bought with the mug."""
    teapot_page = factories.add_product_page(
        catalog["category"]["en"], factories.ProductFactory(sku="TEA-1", name="Teapot", price="31.00")
    )
    bowl_page = factories.add_product_page(
        catalog["category"]["en"], factories.ProductFactory(sku="BWL-1", name="Sugar bowl", stock=0)
    )
    teapots = {"en": teapot_page}
    for code, title in (("es", "Tetera"), ("ru", "Заварник")):
        teapots[code] = factories.translate(teapot_page, code, title=title)
        factories.translate(bowl_page, code)
    kettle, mug = catalog["kettle"]["en"].product, catalog["mug"]["en"].product
    order_with(kettle, mug)
    return {**catalog, "teapot": teapots, "bowl": bowl_page.product}


def block(heading="", count=4, fallback=()):
    return ("bought_together", {"heading": heading, "count": count, "fallback_products": list(fallback)})


def set_body(page, *blocks):
    page.body = list(blocks)
    return factories.publish(page)


def section(response):
    """The block's HTML, or None when the page has none."""
    html = response.content.decode()
    start = html.find('<section class="block-product-cards block-bought-together">')
    return None if start < 0 else html[start : html.index("</section>", start)]


def card_titles(html):
    return [part.split("</h3>")[0] for part in html.split('<h3 class="product-card__title">')[1:]]


@pytest.mark.parametrize(
    ("code", "mug", "teapot"), [("en", "Mug", "Teapot"), ("es", "Taza", "Tetera"), ("ru", "Кружка", "Заварник")]
)
def test_a_product_page_suggests_for_its_product_in_its_language(client, shop, code, mug, teapot):
    # given the kettle's page in `code` shows the block, with the teapot and the kettle itself as fallbacks
    kettle = shop["kettle"][code]
    set_body(kettle, block(HEADINGS[code], fallback=[kettle.product, shop["teapot"]["en"].product]))

    # when a shopper opens it
    response = client.get(kettle.url)

    # then the mug (bought with the kettle) comes first, then the teapot; never the kettle itself
    html = section(response)
    assert response.status_code == 200
    assert f'<h2 class="section-title">{HEADINGS[code]}</h2>' in html
    assert card_titles(html) == [mug, teapot]
    assert f'href="/{code}/' in html


def test_without_a_heading_the_block_says_customers_also_bought(client, shop):
    kettle = set_body(shop["kettle"]["en"], block())

    assert '<h2 class="section-title">Customers also bought</h2>' in section(client.get(kettle.url))


def test_how_many_limits_the_cards(client, shop):
    kettle = set_body(shop["kettle"]["en"], block(count=1, fallback=[shop["teapot"]["en"].product]))

    assert card_titles(section(client.get(kettle.url))) == ["Mug"]


def test_fallback_products_out_of_stock_are_left_out(client, shop):
    # given the teapot was never bought with anything; its fallbacks are the sold-out bowl and the kettle
    teapot = set_body(shop["teapot"]["es"], block(fallback=[shop["bowl"], shop["kettle"]["en"].product]))

    assert card_titles(section(client.get(teapot.url))) == ["Hervidor"]


def test_with_nothing_to_show_the_block_renders_nothing(client, shop):
    teapot = set_body(shop["teapot"]["ru"], block("Покупают вместе", fallback=[shop["bowl"]]))

    response = client.get(teapot.url)

    assert response.status_code == 200
    assert section(response) is None
    assert "Покупают вместе" not in response.content.decode()


@pytest.mark.parametrize(("code", "teapot"), [("en", "Teapot"), ("es", "Tetera"), ("ru", "Заварник")])
def test_the_home_page_with_an_empty_cart_shows_the_editors_picks(client, shop, homes, code, teapot):
    home = set_body(homes[code], block(HEADINGS[code], fallback=[shop["teapot"]["en"].product]))

    assert card_titles(section(client.get(home.url))) == [teapot]


def test_the_home_page_suggests_for_the_cart_then_the_picks(client, shop, homes):
    # given the kettle is in the shopper's cart
    session = client.session
    session["cart"] = {str(factories.variant_of(shop["kettle"]["en"].product).pk): {"quantity": 1, "price": "24.50"}}
    session.save()
    home = set_body(
        homes["es"],
        block(fallback=[shop["kettle"]["en"].product, shop["mug"]["en"].product, shop["teapot"]["en"].product]),
    )

    # then the mug is suggested for the kettle, the teapot fills in; the kettle is in the cart already
    assert card_titles(section(client.get(home.url))) == ["Taza", "Tetera"]
