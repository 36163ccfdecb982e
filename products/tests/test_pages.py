"""Catalog pages render in every locale with the one commercial truth."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]


@pytest.mark.parametrize(
    ("code", "title", "price"),
    [("en", "Kettle", "$24.50"), ("es", "Hervidor", "24,50\xa0US$"), ("ru", "Чайник", "24,50\xa0$")],
)
def test_product_page_renders_in_each_locale_with_the_same_price(client, catalog, code, title, price):
    page = catalog["kettle"][code]

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert price in html
    assert page.url.startswith(f"/{code}/")
