"""A catalog page rendered for a visitor with a session takes the parts that are the same for everyone from the
cache, and finds the page by its cached route; both are purged with the page (storefront/page_fragments.py,
storefront/routing.py)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.contrib.search_promotions.models import QueryDailyHits
from wagtail.models import PageViewRestriction, Site

from home.models import ShopSettings
from products.models import Product, ProductVariant
from products.tests import factories
from storefront import page_fragments
from storefront.page_cache import HIT_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def shopper(client, catalog):
    """A shopper with two kettles in the cart, the "added" message already shown."""
    kettle = Product.objects.get(sku="KET-1")
    client.post(reverse("cart:add"), {"variant": factories.variant_of(kettle).pk, "quantity": "2"})
    client.get(reverse("cart:detail"))
    return client


def not_session(queries) -> list[str]:
    """The queries but the session's and a search's count (in the database where there is no Redis)."""
    return [
        query["sql"]
        for query in queries
        if "django_session" not in query["sql"] and "wagtailsearchpromotions" not in query["sql"]
    ]


def full_render_url(catalog, kind) -> str:
    """A query string no anonymous visitor asked for: there is no public copy, the view runs."""
    if kind == "search":
        return reverse("search") + "?q=kettle&ref=mail"
    return catalog[kind]["en"].url + "?ref=mail"


@pytest.mark.parametrize("kind", ["kettle", "category", "search"])
def test_a_page_rendered_again_runs_no_query_and_shows_the_shoppers_own_cart(catalog, page_cache_on, shopper, kind):
    url = full_render_url(catalog, kind)
    first = shopper.get(url)

    with CaptureQueriesContext(connection) as queries:
        again = shopper.get(url)

    assert HIT_HEADER not in again  # no copy was served: the view ran
    assert not_session(queries) == []  # the route, the listing, the variants and the results were not needed
    assert again.content == first.content
    assert "Cart: 2 items · $49.00" in again.content.decode()
    assert "Kettle" in again.content.decode()
    assert "Cart: 0 items" in Client().get(url).content.decode()  # nobody else gets this shopper's cart


def test_each_shopper_gets_their_own_cart_in_the_kept_parts(catalog, page_cache_on, shopper):
    url = full_render_url(catalog, "kettle")
    shopper.get(url)
    other = Client()
    other.post(
        reverse("cart:add"), {"variant": factories.variant_of(Product.objects.get(sku="MUG-1")).pk, "quantity": "1"}
    )
    other.get(reverse("cart:detail"))

    response = other.get(url)

    assert "Cart: 1 item" in response.content.decode()
    assert "Cart: 2 items" not in response.content.decode()


def test_a_message_is_shown_once_and_never_kept(catalog, page_cache_on, client):
    url = full_render_url(catalog, "kettle")
    client.post(
        reverse("cart:add"), {"variant": factories.variant_of(Product.objects.get(sku="MUG-1")).pk, "quantity": "1"}
    )

    shown = client.get(url).content.decode()
    after = client.get(url).content.decode()

    assert 'class="messages"' in shown
    assert 'class="messages"' not in after
    assert "Cart: 1 item" in after


@pytest.mark.parametrize("kind", ["kettle", "category", "search"])
def test_the_kept_parts_follow_a_price_change_at_once(
    catalog, page_cache_on, shopper, kind, django_capture_on_commit_callbacks
):
    url = full_render_url(catalog, kind)
    assert "$24.50" in shopper.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        Product.objects.filter(sku="KET-1").update(price=Decimal("31.00"))
    response = shopper.get(url)

    assert "$31.00" in response.content.decode()
    assert "$24.50" not in response.content.decode()
    assert "Cart: 2 items · $62.00" in response.content.decode()


def test_an_unpublished_page_is_no_longer_routed(catalog, page_cache_on, shopper, django_capture_on_commit_callbacks):
    url = full_render_url(catalog, "kettle")
    assert shopper.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        catalog["kettle"]["en"].unpublish()

    assert shopper.get(url).status_code == 404


def test_a_moved_page_is_routed_at_its_new_address(catalog, page_cache_on, shopper, django_capture_on_commit_callbacks):
    kettle = catalog["kettle"]["en"]
    old = kettle.url
    assert shopper.get(old).status_code == 200
    elsewhere = factories.add_category(catalog["category"]["en"].get_parent(), "Elsewhere")

    with django_capture_on_commit_callbacks(execute=True):
        kettle.move(elsewhere, pos="last-child")
    kettle.refresh_from_db()

    gone = shopper.get(old)
    assert (gone.status_code, gone["Location"]) == (301, kettle.url)  # Wagtail's redirect, not the cached route
    moved = shopper.get(kettle.url)
    assert moved.status_code == 200
    assert "Elsewhere" in moved.content.decode()  # its breadcrumbs name the new category


def test_a_restriction_added_later_is_enforced_at_once(
    catalog, page_cache_on, shopper, django_capture_on_commit_callbacks
):
    url = catalog["kettle"]["en"].url
    Client().get(url)  # the public copy
    assert shopper.get(url + "?ref=mail").status_code == 200  # the route and the parts, kept

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=catalog["kettle"]["en"], restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

    for client, address in ((shopper, url + "?ref=mail"), (shopper, url), (Client(), url)):
        response = client.get(address)
        assert "password" in response.content.decode().lower()
        assert "Add to cart" not in response.content.decode()


def test_a_kept_search_is_still_counted(catalog, page_cache_on, shopper, settings):
    settings.REDIS_URL = ""  # counted in the database at once
    url = full_render_url(catalog, "search")
    shopper.get(url)

    shopper.get(url)

    assert sum(QueryDailyHits.objects.filter(query__query_string="kettle").values_list("hits", flat=True)) == 2


def test_staff_get_the_user_bar_and_shoppers_never_do(catalog, page_cache_on, shopper, client):
    url = full_render_url(catalog, "kettle")
    editor = get_user_model().objects.create_user("edith", "edith@example.com", "pw", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff = Client()
    staff.force_login(editor)

    assert "wagtail-userbar" in staff.get(url).content.decode()
    assert "wagtail-userbar" not in shopper.get(url).content.decode()
    assert "wagtail-userbar" in staff.get(url).content.decode()


def test_nothing_is_kept_for_a_preview(rf, catalog, page_cache_on):
    page = catalog["kettle"]["en"]
    request = rf.get(page.url)
    request.is_preview = True

    assert page_fragments.for_page(request, content=True) is None


def test_nothing_is_kept_with_the_page_cache_off(catalog, shopper):
    url = full_render_url(catalog, "kettle")
    shopper.get(url)
    cache_keys = cache._cache.keys() if hasattr(cache, "_cache") else []

    assert not [key for key in cache_keys if ":fragment:" in key or ":route:" in key]
    with CaptureQueriesContext(connection) as queries:
        shopper.get(url)
    assert not_session(queries)  # routed and rendered from the database every time


def test_the_home_pages_content_is_rendered_for_each_shopper(catalog, page_cache_on, rf):
    home = catalog["category"]["en"].get_parent().specific
    request = rf.get(home.url + "?ref=mail")

    fragments = home.get_context(request)["page_fragments"]

    assert fragments.kept("header") and not fragments.kept("content")  # its "bought together" follows the cart


def test_a_stock_change_renders_the_content_again_and_keeps_the_layout(
    catalog, page_cache_on, shopper, rf, django_capture_on_commit_callbacks
):
    url = full_render_url(catalog, "kettle")
    shopper.get(url)
    request = rf.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        ProductVariant.objects.filter(product__sku="KET-1").update(stock=F("stock") - 8)  # orders reserving stock

    fragments = page_fragments.for_page(request, content=True)
    assert not fragments.has("content")  # its stock and offers changed
    assert fragments.has("head") and fragments.has("header") and fragments.has("footer")
    assert "Only 2 left" in shopper.get(url).content.decode()


def test_a_new_shop_name_shows_at_once_everywhere(catalog, page_cache_on, shopper, django_capture_on_commit_callbacks):
    url = catalog["kettle"]["en"].url
    Client().get(url)
    shopper.get(url + "?ref=mail")
    settings_ = ShopSettings.for_site(Site.objects.get(is_default_site=True))

    with django_capture_on_commit_callbacks(execute=True):
        settings_.shop_name = "Kettle Corner"
        settings_.save()

    for client, address in ((Client(), url), (shopper, url), (shopper, url + "?ref=mail")):
        assert "Kettle Corner" in client.get(address).content.decode()
