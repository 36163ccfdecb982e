"""Catalog pages are public for anonymous visitors, served from the full-page cache, and purged in every locale
when a page or a product's commercial data changes; personal pages are never cached (storefront/page_cache.py,
products/cache.py)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from products import cache as products_cache
from products.models import Product, ProductVariant
from products.tests import factories
from storefront.page_cache import HIT_HEADER

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "es", "ru"]
PUBLIC = {"public", "max-age=60", "s-maxage=600"}


class RecordingBackend(BaseBackend):
    """A CDN that writes down what it is asked to purge."""

    purged: list[str] = []

    def purge(self, url):
        RecordingBackend.purged.append(url)


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def catalog_url(catalog, kind, language):
    if kind == "search":
        with translation.override(language):
            return reverse("search") + "?q=kettle"
    if kind == "home":
        return catalog["category"][language].get_parent().url
    return catalog[kind][language].url


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["home", "category", "kettle", "search"])
def test_a_catalog_page_is_public_and_sets_no_cookie(client, catalog, kind, language):
    response = client.get(catalog_url(catalog, kind, language))

    assert response.status_code == 200
    assert directives(response) == PUBLIC
    assert "Cookie" in response["Vary"]
    assert "Set-Cookie" not in str(response.serialize_headers())
    assert response.cookies == {}
    assert client.cookies == {}


def test_the_add_to_cart_form_of_a_public_page_carries_no_token(client, catalog):
    html = client.get(catalog["kettle"]["es"].url).content.decode()

    assert 'class="add-to-cart"' in html
    assert 'data-csrf="/csrf/"' in html
    assert "csrfmiddlewaretoken" not in html


def test_a_cached_page_is_served_without_running_the_view(client, catalog, page_cache_on):
    url = catalog["kettle"]["ru"].url
    first = client.get(url)

    with CaptureQueriesContext(connection) as queries:
        second = client.get(url)

    assert (first[HIT_HEADER], second[HIT_HEADER]) == ("miss", "hit")
    assert len(queries) == 0
    assert second.content == first.content
    assert directives(second) == PUBLIC


def test_query_strings_are_cached_apart(client, catalog, page_cache_on):
    url = catalog["category"]["en"].url
    client.get(url)

    response = client.get(url + "?sort=price")

    assert response[HIT_HEADER] == "miss"


@pytest.mark.parametrize("language", ["es", "ru"])
def test_a_price_change_purges_the_product_and_its_listings_in_every_locale(
    client, catalog, page_cache_on, language, django_capture_on_commit_callbacks
):
    urls = [catalog["kettle"][language].url, catalog["category"][language].url, catalog_url(catalog, "home", language)]
    for url in urls:
        client.get(url)
    kettle = Product.objects.get(sku="KET-1")

    with django_capture_on_commit_callbacks(execute=True):
        kettle.price = Decimal("31.00")
        kettle.save()

    responses = [client.get(url) for url in urls]
    assert [response[HIT_HEADER] for response in responses] == ["miss", "miss", "miss"]
    assert "31,00" in responses[0].content.decode()
    assert "31,00" in responses[1].content.decode()


def test_a_stock_update_without_save_purges_too(client, catalog, page_cache_on, django_capture_on_commit_callbacks):
    url = catalog["kettle"]["es"].url
    client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        ProductVariant.objects.filter(sku="KET-1").update(stock=F("stock") - 8)

    response = client.get(url)
    assert response[HIT_HEADER] == "miss"
    assert "Solo quedan 2" in response.content.decode()


def test_an_unrelated_product_change_keeps_the_other_pages(
    client, catalog, page_cache_on, django_capture_on_commit_callbacks
):
    client.get(catalog["mug"]["ru"].url)

    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(sku="KET-1").update(price=Decimal("30.00"))

    assert client.get(catalog["mug"]["ru"].url)[HIT_HEADER] == "hit"


def test_publishing_a_page_purges_its_translations_and_category(
    client, catalog, page_cache_on, django_capture_on_commit_callbacks
):
    urls = [catalog["mug"][code].url for code in LANGUAGES] + [catalog["category"]["ru"].url]
    for url in urls:
        client.get(url)
    mug = catalog["mug"]["en"]

    with django_capture_on_commit_callbacks(execute=True):
        mug.title = "Big mug"
        mug.save_revision().publish()

    assert [client.get(url)[HIT_HEADER] for url in urls] == ["miss"] * 4
    assert "Big mug" in client.get(catalog["category"]["en"].url).content.decode()


def test_a_bulk_load_purges_everything_once_instead_of_page_by_page(
    client, catalog, page_cache_on, django_capture_on_commit_callbacks, monkeypatch
):
    urls = [catalog["mug"][code].url for code in LANGUAGES] + [catalog["kettle"]["en"].url]
    for url in urls:
        client.get(url)
    worked_out = []
    for name in ("affected_by_page", "affected_by_products"):
        monkeypatch.setattr(products_cache, name, lambda *args, **kwargs: worked_out.append(args))
    mug = catalog["mug"]["en"]

    with django_capture_on_commit_callbacks(execute=True) as callbacks, products_cache.purges_held():
        mug.title = "Big mug"
        mug.save_revision().publish()
        ProductVariant.objects.filter(sku="KET-1").update(stock=F("stock") - 8)

    assert worked_out == []
    assert len(callbacks) == 1
    assert [client.get(url)[HIT_HEADER] for url in urls] == ["miss"] * 4
    assert "Big mug" in client.get(catalog["mug"]["en"].url).content.decode()


def test_unpublishing_purges_the_page(client, catalog, page_cache_on, django_capture_on_commit_callbacks):
    url = catalog["mug"]["es"].url
    client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        catalog["mug"]["es"].unpublish()

    assert client.get(url).status_code == 404


def test_moving_a_page_purges_its_old_address(client, catalog, page_cache_on, django_capture_on_commit_callbacks):
    old_url = catalog["mug"]["en"].url
    client.get(old_url)
    other = factories.add_category(catalog["category"]["en"].get_parent(), "Table")

    with django_capture_on_commit_callbacks(execute=True):
        catalog["mug"]["en"].move(other, pos="last-child")

    response = client.get(old_url)
    assert HIT_HEADER not in response
    assert (response.status_code, response["Location"]) == (
        301,
        catalog["mug"]["en"].get_parent().url.replace("kitchen", "table") + "mug/",
    )


def test_the_category_a_page_leaves_no_longer_lists_it(
    client, catalog, page_cache_on, django_capture_on_commit_callbacks
):
    kitchen = catalog["category"]["en"].url
    assert "2 products" in client.get(kitchen).content.decode()  # cached, with its count
    other = factories.add_category(catalog["category"]["en"].get_parent(), "Table")

    with django_capture_on_commit_callbacks(execute=True):
        catalog["mug"]["en"].move(other, pos="last-child")

    html = client.get(kitchen).content.decode()
    assert "1 product" in html and "2 products" not in html
    assert "Mug" not in html


def test_the_cdn_is_told_every_locales_urls(catalog, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []

    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(sku="KET-1").update(price=Decimal("30.00"))

    purged = set(RecordingBackend.purged)
    for code in LANGUAGES:
        for page in (catalog["kettle"][code], catalog["category"][code], catalog["category"][code].get_parent()):
            assert page.get_full_url() in purged
        with translation.override(code):
            assert any(url.endswith(reverse("search")) for url in purged)


# --- Never cached --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["kettle", "category"])
def test_a_shopper_with_a_cart_gets_a_private_copy_with_their_own_cart(client, catalog, page_cache_on, kind):
    url = catalog[kind]["en"].url
    public = Client().get(url)  # the public copy, cached
    kettle = Product.objects.get(sku="KET-1")
    client.post(reverse("cart:add"), {"variant": factories.variant_of(kettle).pk, "quantity": "2"})
    assert "messages" in client.cookies and "Cart: 2 items" in client.get(url).content.decode()  # "Added": theirs

    response = client.get(url)

    assert response[HIT_HEADER] == "shared"
    assert {"private", "no-store"} <= directives(response)
    assert "Cart: 2 items · $49.00" in response.content.decode()
    assert "Cart: 0 items" in public.content.decode()
    assert response.content.decode().replace("Cart: 2 items · $49.00", "") == public.content.decode().replace(
        "Cart: 0 items", ""
    ).replace('data-cart-count="0"', 'data-cart-count="2"').replace(
        '<span class="cart-link__count" aria-hidden="true">0</span>',
        '<span class="cart-link__count" aria-hidden="true">2</span>',
    )
    assert "Cart: 0 items" in Client().get(url).content.decode()  # the public copy is left as it was


def test_a_shopper_gets_the_price_change_at_once_too(
    client, catalog, page_cache_on, django_capture_on_commit_callbacks
):
    url = catalog["kettle"]["en"].url
    Client().get(url)
    client.post(
        reverse("cart:add"), {"variant": factories.variant_of(Product.objects.get(sku="MUG-1")).pk, "quantity": "1"}
    )
    client.get(url)  # shows the "added" message
    assert client.get(url)[HIT_HEADER] == "shared"

    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(sku="KET-1").update(price=Decimal("99.00"))
    response = client.get(url)

    assert HIT_HEADER not in response  # the public copy was purged: rendered for the shopper
    assert "$99.00" in response.content.decode()


def test_the_home_page_is_not_shared_with_shoppers(client, catalog, page_cache_on):
    url = catalog_url(catalog, "home", "en")
    Client().get(url)
    client.post(
        reverse("cart:add"), {"variant": factories.variant_of(Product.objects.get(sku="KET-1")).pk, "quantity": "1"}
    )
    client.get(url)  # shows the "added" message

    response = client.get(url)

    assert HIT_HEADER not in response  # its "bought together" blocks follow the cart
    assert "Cart: 1 item" in response.content.decode()


def test_a_message_in_the_session_is_never_lost_to_a_shared_copy(client, catalog, page_cache_on):
    url = catalog["kettle"]["en"].url
    Client().get(url)
    client.post(
        reverse("cart:add"), {"variant": factories.variant_of(Product.objects.get(sku="KET-1")).pk, "quantity": "1"}
    )
    client.get(url)  # shows the "added" message
    assert client.get(url)[HIT_HEADER] == "shared"
    session = client.session
    session["_messages"] = "[]"
    session.save()

    assert HIT_HEADER not in client.get(url)


def test_staff_get_private_pages(client, catalog, page_cache_on):
    client.get(catalog["kettle"]["en"].url)
    client.force_login(get_user_model().objects.create_superuser("boss", "boss@example.com", "pw"))

    response = client.get(catalog["kettle"]["en"].url)

    assert HIT_HEADER not in response
    assert {"private", "no-store"} <= directives(response)


def test_a_preview_is_never_cached(rf, catalog, page_cache_on):
    page = catalog["kettle"]["en"]

    response = page.make_preview_request(rf.get(page.url))

    assert "public" not in directives(response)
    assert "private" in directives(response)


def test_a_message_is_never_served_from_or_stored_in_the_cache(client, catalog, page_cache_on):
    url = catalog["kettle"]["en"].url
    Product.objects.filter(sku="MUG-1").update(for_sale=False)
    mug = Product.objects.get(sku="MUG-1")
    client.post(
        reverse("cart:add"), {"variant": factories.variant_of(mug).pk, "quantity": "1", "csrfmiddlewaretoken": "x"}
    )
    # An anonymous visitor whose add was refused: the message waits in the `messages` cookie, no session.
    assert "messages" in client.cookies

    shown = client.get(url)

    assert "Sorry, this product is not available." in shown.content.decode()
    assert {"private", "no-store"} <= directives(shown)
    stranger = Client().get(url)
    assert "Sorry, this product is not available." not in stranger.content.decode()


@pytest.mark.parametrize("name", ["cart:detail"])
def test_personal_pages_say_private_no_store(client, catalog, name):
    response = client.get(reverse(name))

    assert {"private", "no-store"} <= directives(response)


def test_a_shoppers_shared_copy_runs_no_view_and_no_query(client, catalog, page_cache_on):
    url = catalog["category"]["es"].url
    Client().get(url)  # the public copy
    client.post(
        reverse("cart:add"), {"variant": factories.variant_of(Product.objects.get(sku="KET-1")).pk, "quantity": "2"}
    )
    client.get(url)  # shows the "added" message, and keeps the cart's numbers
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response[HIT_HEADER] == "shared"
    # No routing, no page, no cart lines: the copy and the cart's numbers are cached; only the session is read
    # (from the database where there is no Redis to keep it).
    assert [query["sql"] for query in queries if "django_session" not in query["sql"]] == []
    assert "Carrito: 2 artículos" in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"  # the middleware below the shared copy still answer for it
    assert response["Content-Language"] == "es"
    assert {"private", "no-store"} <= directives(response)


def test_a_signed_in_customer_never_gets_a_shared_copy(client, catalog, page_cache_on):
    url = catalog["kettle"]["en"].url
    Client().get(url)
    client.force_login(get_user_model().objects.create_user("ana", "ana@example.com", "pw"))
    client.post(
        reverse("cart:add"), {"variant": factories.variant_of(Product.objects.get(sku="KET-1")).pk, "quantity": "1"}
    )
    client.get(url)  # shows the "added" message

    response = client.get(url)

    assert HIT_HEADER not in response
    assert {"private", "no-store"} <= directives(response)


# --- Cards -------------------------------------------------------------------------------------------------
def add_forms_next(html: str) -> set[str]:
    import re

    return set(re.findall(r'name="next" value="([^"]*)"', html))


def test_a_cached_card_returns_each_listing_to_itself(client, catalog):
    category = catalog["category"]["en"].url
    with translation.override("en"):
        search = reverse("search") + "?q=kettle&in_stock=1"

    first = client.get(category).content.decode()  # renders and keeps the cards
    with CaptureQueriesContext(connection) as queries:
        again = client.get(category).content.decode()
    found = client.get(search).content.decode()  # the kettle's card, from the cache

    assert add_forms_next(first) == add_forms_next(again) == {category}
    assert add_forms_next(found) == {search.replace("&", "&amp;")}
    assert again == first
    assert not any("wagtailimages_rendition" in query["sql"] for query in queries)  # the pictures are kept too


def test_a_cached_card_follows_a_price_change_at_once(client, catalog, django_capture_on_commit_callbacks):
    url = catalog["category"]["en"].url
    assert "$24.50" in client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(sku="KET-1").update(price=Decimal("31.00"))

    html = client.get(url).content.decode()
    assert "$31.00" in html and "$24.50" not in html


def test_a_cached_card_outlives_a_stock_change_it_does_not_show(client, catalog, django_capture_on_commit_callbacks):
    url = catalog["category"]["en"].url
    client.get(url)  # the cards, rendered and kept

    def cards_rendered():
        response = client.get(url)
        return "includes/product_card.html" in [template.name for template in response.templates], response

    with django_capture_on_commit_callbacks(execute=True):
        ProductVariant.objects.filter(product__sku="KET-1").update(stock=F("stock") - 1)  # 10 → 9: "In stock"
    rendered, response = cards_rendered()
    assert not rendered and "In stock" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        ProductVariant.objects.filter(product__sku="KET-1").update(stock=2)
    rendered, response = cards_rendered()
    assert rendered and "Only 2 left" in response.content.decode()


def test_a_categorys_cached_count_follows_publishing_and_stock(client, catalog, django_capture_on_commit_callbacks):
    category = catalog["category"]["en"]
    assert "2 products" in client.get(category.url).content.decode()
    assert "2 products" in client.get(category.url + "?in_stock=1").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        factories.add_product_page(category, title="Teapot")
    assert "3 products" in client.get(category.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        ProductVariant.objects.filter(product__sku="MUG-1").update(stock=0)
    assert "2 products" in client.get(category.url + "?in_stock=1").content.decode()
    assert "3 products" in client.get(category.url).content.decode()
