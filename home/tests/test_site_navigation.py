"""The header of every page: the logo leads to the shopper's home, the categories bar lists that locale's."""

import re

import pytest

from products.tests import factories

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]


def header(html):
    return re.search(r'<header class="site-header">.*?</header>', html, re.S).group(0)


def category_links(html):
    nav = re.search(r'<nav class="categories-nav".*?</nav>', header(html), re.S)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav.group(0)) if nav else []


@pytest.mark.parametrize(("code", "title"), [("en", "Kitchen"), ("es", "Cocina"), ("ru", "Кухня")])
def test_the_categories_bar_lists_the_live_top_categories_of_the_locale(client, catalog, code, title):
    draft = factories.add_category(catalog["category"]["en"].get_parent(), "Garden")
    draft.unpublish()

    html = client.get(catalog["kettle"][code].url).content.decode()

    assert category_links(html) == [(catalog["category"][code].url, title)]


@pytest.mark.parametrize("code", ["en", "es", "ru"])
def test_the_logo_leads_to_the_home_page_of_the_locale(client, catalog, code):
    html = client.get(catalog["mug"][code].url).content.decode()

    assert re.search(r'<a class="logo" href="([^"]+)"', header(html)).group(1) == f"/{code}/"
