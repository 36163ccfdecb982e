"""URL prefixes, the browser-language redirect, the language switcher, hreflang and canonical links."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]


@pytest.mark.parametrize(
    ("accept", "target"), [("es-ES,es;q=0.9", "/es/"), ("ru", "/ru/"), ("en-US", "/en/"), ("de-DE", "/en/")]
)
def test_root_redirects_by_the_browser_language(client, homes, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize("code", ["en", "es", "ru"])
def test_each_locale_home_is_served_under_its_prefix(client, homes, code):
    response = client.get(f"/{code}/")

    assert response.status_code == 200
    assert f'<html lang="{code}">' in response.content.decode()


def switcher_links(html):
    block = re.search(r'<ul class="language-switcher".*?</ul>', html, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', block)[i][::-1] for i in range(3))


def test_switcher_keeps_the_shopper_on_the_same_product(client, catalog):
    html = client.get(catalog["kettle"]["en"].url).content.decode()

    assert switcher_links(html) == {
        "en": catalog["kettle"]["en"].url,
        "es": catalog["kettle"]["es"].url,
        "ru": catalog["kettle"]["ru"].url,
    }


def test_switcher_goes_to_the_locale_home_when_there_is_no_translation(client, catalog):
    catalog["mug"]["ru"].unpublish()

    html = client.get(catalog["mug"]["en"].url).content.decode()

    assert switcher_links(html)["ru"] == "/ru/"
    assert switcher_links(html)["es"] == catalog["mug"]["es"].url


def test_hreflang_lists_live_translations_only(client, catalog):
    catalog["mug"]["ru"].unpublish()

    html = client.get(catalog["mug"]["es"].url).content.decode()
    links = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', html))

    assert links == {
        "en": "http://testserver" + catalog["mug"]["en"].url,
        "es": "http://testserver" + catalog["mug"]["es"].url,
    }


def canonical(html):
    return re.findall(r'<link rel="canonical" href="([^"]+)">', html)


def test_each_page_names_its_own_url_as_canonical(client, catalog):
    for code in ("en", "es", "ru"):
        for page in (catalog["kettle"][code], catalog["category"][code]):
            assert canonical(client.get(page.url).content.decode()) == ["http://testserver" + page.url]


def test_a_sorted_or_filtered_listing_is_canonical_at_its_plain_url_and_page_number(client, catalog, monkeypatch):
    monkeypatch.setattr("products.models.category.PRODUCTS_PER_PAGE", 1)
    url = catalog["category"]["es"].url

    first = client.get(url + "?sort=price&in_stock=1").content.decode()
    second = client.get(url + "?sort=price&in_stock=1&page=2").content.decode()

    assert canonical(first) == ["http://testserver" + url]
    assert canonical(second) == ["http://testserver" + url + "?page=2"]


def test_pages_outside_the_page_tree_name_no_canonical(client, catalog):
    for url in ("/en/cart/", "/en/search/?q=kettle"):
        response = client.get(url)

        assert response.status_code == 200
        assert canonical(response.content.decode()) == []


def test_sitemap_covers_every_locale(client, catalog):
    xml = client.get("/sitemap.xml").content.decode()

    for code in ("en", "es", "ru"):
        assert f"<loc>http://localhost{catalog['kettle'][code].url}</loc>" in xml
        assert f"<loc>http://localhost{catalog['category'][code].url}</loc>" in xml


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
    for path in ("/en/cart/", "/es/carrito/", "/ru/korzina/", "/es/finalizar-compra/", "/ru/payment/"):
        assert f"Disallow: {path}\n" in response.content.decode()
