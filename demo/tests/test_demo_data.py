"""`manage.py load_demo_data`: a translated demo shop, loaded once, plus generated products in bulk.

The demo is loaded once for the module (small pictures) and rolled back at its end; each test runs in its own
savepoint on top of it.
"""

from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import StringTranslation, Translation

from demo.catalogue import PRODUCTS
from home.models import HomePage
from products.models import Product, ProductIndexPage, ProductPage, ProductVariant, variant_labels
from products.tests import factories

DEMO_SKUS = [item.sku for item in PRODUCTS]

pytestmark = [pytest.mark.django_db, pytest.mark.makerun]


def load(*args):
    out = StringIO()
    call_command("load_demo_data", "--image-size", "32", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def existing(django_db_setup, django_db_blocker):
    """A shop that already has content: a Kitchen category with a kettle, translated into Spanish."""
    with django_db_blocker.unblock(), transaction.atomic():
        home = factories.english_home()
        factories.translate(home, "es")
        kitchen = factories.add_category(home, "Kitchen")
        kettle = factories.add_product_page(kitchen, factories.ProductFactory(sku="KET-1", name="Kettle"))
        factories.translate(kitchen, "es", title="Cocina")
        factories.translate(kettle, "es", title="Hervidor")
        yield {"kitchen": kitchen, "kettle": kettle}
        transaction.set_rollback(True)
    cache.clear()  # Wagtail caches site root paths, which the rollback made stale


@pytest.fixture(scope="module")
def demo_output(existing, django_db_blocker):
    """The demo, loaded once on top of the existing content."""
    with django_db_blocker.unblock():
        return load()


def counts():
    return {
        "products": Product.objects.count(),
        "pages": {code: Page.objects.filter(locale__language_code=code).count() for code in ("en", "es", "ru")},
        "images": get_image_model().objects.count(),
        "string translations": StringTranslation.objects.count(),
        "groups": Group.objects.count(),
        "page permissions": GroupPagePermission.objects.count(),
    }


def page_in(language, sku):
    return ProductPage.objects.get(product__sku=sku, locale__language_code=language)


def test_demo_shop_has_nested_categories_and_forty_one_products(demo_output):
    categories = ProductIndexPage.objects.live().filter(locale__language_code="en")

    assert "Loaded the demo shop" in demo_output
    assert categories.count() >= 5
    assert categories.filter(depth__gt=3).exists()  # a subcategory: root > home > category > subcategory
    demo_products = Product.objects.filter(sku__in=DEMO_SKUS)
    assert ProductPage.objects.live().filter(locale__language_code="en", product__in=demo_products).count() == 41
    assert demo_products.count() == 41
    assert demo_products.exclude(variants__stock__gt=0).count() == 3
    assert demo_products.filter(for_sale=False).count() == 2
    assert all(2 <= page.gallery_images.count() <= 3 for page in ProductPage.objects.filter(product__in=demo_products))
    assert "texts have no Spanish/Russian translation" not in demo_output


def test_the_demo_sells_a_t_shirt_in_colours_and_sizes_and_a_mug_in_two_colours(demo_output):
    tee, mug = Product.objects.get(sku="TRV-4010"), Product.objects.get(sku="COF-2006")

    with translation.override("es"):
        tee_labels = variant_labels(tee.variants.all())
    with translation.override("ru"):
        mug_labels = variant_labels(mug.variants.all())

    assert sorted(tee_labels.values()) == sorted(
        f"{colour} / {size}" for colour in ("Rojo", "Azul") for size in ("S", "M", "L")
    )
    assert sorted(mug_labels.values()) == ["Белый", "Синий"]
    assert ProductVariant.objects.get(sku="COF-2006-WHT").unit_price == Decimal("15.00")
    assert all(
        product.variants.count() == 1
        for product in Product.objects.filter(sku__in=DEMO_SKUS).exclude(pk__in=[tee.pk, mug.pk])
    )


def test_existing_content_is_kept_beside_the_demo(demo_output, existing):
    kitchen = Page.objects.get(pk=existing["kitchen"].pk)
    kettles = ProductPage.objects.filter(product__sku="KET-1").select_related("locale")

    assert (kitchen.title, kitchen.slug, kitchen.get_children().count()) == ("Kitchen", "kitchen", 1)
    # Russian had no translation: the locale synchronisation the demo sets up gives it an alias of the English.
    assert sorted((k.locale.language_code, k.title, k.live, k.alias_of_id is None) for k in kettles) == [
        ("en", "Kettle", True, True),
        ("es", "Hervidor", True, True),
        ("ru", "Kettle", True, False),
    ]
    assert ProductIndexPage.objects.get(locale__language_code="en", slug="kitchen-1").title == "Kitchen"
    assert ProductIndexPage.objects.get(locale__language_code="es", slug="cocina").get_children().count() == 9


def test_second_run_changes_nothing_and_says_so(demo_output):
    before = counts()

    output = load()

    assert counts() == before
    assert "The demo data is already loaded (product KIT-1001 exists): nothing to do" in output


@pytest.mark.parametrize(
    ("language", "title", "slug", "spec_label"),
    [
        ("es", "Sartén de hierro fundido", "sarten-de-hierro-fundido", "Diámetro"),
        ("ru", "Чугунная сковорода", "chugunnaya-skovoroda", "Диаметр"),
    ],
)
def test_translated_product_pages_are_live_real_translations(demo_output, client, language, title, slug, spec_label):
    english, page = page_in("en", "KIT-1002"), page_in(language, "KIT-1002")

    response = client.get(page.url)

    assert (page.live, page.alias_of_id, page.title, page.slug) == (True, None, title, slug)
    assert page.product_id == english.product_id
    assert page.gallery_images.first().caption != english.gallery_images.first().caption
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert f'<th scope="row">{spec_label}</th>' in html
    assert "Cast iron holds heat evenly" not in html


def test_translation_editor_shows_every_segment_translated(demo_output):
    translations = Translation.objects.filter(target_locale__language_code__in=["es", "ru"])

    progress = [translation.get_progress() for translation in translations]

    assert len(progress) == 2 * (1 + 6 + 41 + 1)  # home, categories, products, the text under the cart
    assert all(total == done and total > 0 for total, done in progress)


def test_home_page_shows_featured_products_in_each_language(demo_output, client):
    responses = {code: client.get(f"/{code}/") for code in ("en", "es", "ru")}

    assert {code: r.status_code for code, r in responses.items()} == {"en": 200, "es": 200, "ru": 200}
    assert "Featured products" in responses["en"].content.decode()
    assert "Productos destacados" in responses["es"].content.decode()
    assert "Керамическая кружка" in responses["ru"].content.decode()
    assert HomePage.objects.get(locale__language_code="es").hero_heading == "Cosas buenas a precios justos"


@pytest.mark.parametrize(
    ("language", "cart_url", "note", "heading"),
    [
        ("en", "/en/cart/", "on orders from $50", "Goes well with your cart"),
        ("es", "/es/carrito/", "en pedidos desde 50 US$", "Combina bien con tu carrito"),
        ("ru", "/ru/korzina/", "при заказе от 50 $", "Хорошо дополнит вашу корзину"),
    ],
)
def test_the_cart_page_has_its_text_and_suggestions_in_each_language(
    demo_output, client, language, cart_url, note, heading
):
    html = client.get(cart_url).content.decode()

    assert escape(note) in html
    assert heading in html
    assert page_in(language, "COF-2006").title in html  # a featured product, the suggestion before any sale


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Customers also bought"), ("es", "Los clientes también compraron")]
)
def test_product_pages_suggest_other_products_of_their_category(demo_output, client, language, heading):
    page = page_in(language, "KIT-1002")
    siblings = ProductPage.objects.sibling_of(page, inclusive=False).live()

    html = client.get(page.url).content.decode()

    assert heading in html
    assert any(escape(sibling.title) in html for sibling in siblings)


def test_groups_have_page_permissions_on_the_translated_home_pages(demo_output):
    """The groups themselves come from `migrate` (home/tests/test_staff_groups.py); the demo, having made the
    Spanish and Russian home pages, grants their page permissions there."""
    editors = Group.objects.get(name=settings.EDITORS_GROUP)
    translators = Group.objects.get(name=settings.TRANSLATORS_GROUP)
    managers = Group.objects.get(name=settings.SHOP_MANAGERS_GROUP)

    def page_perms(group):
        return set(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page__locale__language_code", "permission__codename"
            )
        )

    assert ("es", "publish_page") in page_perms(editors)
    assert ("ru", "publish_page") in page_perms(editors)
    assert page_perms(translators) == {
        (code, codename) for code in ("es", "ru") for codename in ("add_page", "change_page", "publish_page")
    }
    assert not page_perms(managers)
    assert {"wagtailadmin.access_admin", "products.change_product"} <= {
        f"{p.content_type.app_label}.{p.codename}" for p in managers.permissions.all()
    }


def test_site_url_points_the_links_in_emails_where_the_shop_is_served(demo_output):
    from checkout.orders.emails import site_root_url

    first, again = load("--site-url", "http://127.0.0.1:8765"), load("--site-url", "http://127.0.0.1:8765/")

    assert site_root_url() == "http://127.0.0.1:8765"
    assert "The default site is now served at http://127.0.0.1:8765." in first
    assert "The default site is now" not in again


def test_a_site_url_that_is_not_a_url_is_refused(demo_output):
    with pytest.raises(CommandError, match="--site-url needs an http"):
        load("--site-url", "localhost:8000")


def test_without_debug_no_admin_user_is_created(demo_output):
    output = load()

    assert "No “admin” superuser created: DEBUG is off" in output
    assert "create a user with `manage.py createsuperuser`" in output
    assert not get_user_model().objects.filter(username="admin").exists()


@pytest.mark.parametrize(("debug", "args"), [(True, []), (False, ["--admin"])])
def test_admin_user_is_created_once_with_debug_or_when_asked(demo_output, settings, debug, args):
    settings.DEBUG = debug

    first, second = load(*args), load(*args)

    assert "Created the superuser “admin” with password “admin”. This is for LOCAL DEVELOPMENT ONLY" in first
    assert "Created the superuser" not in second
    assert "http://testserver/admin/ (user “admin”, password “admin” unless you changed it)" in second
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("admin")


def test_generated_products_are_real_pages_that_render_and_are_listed(demo_output, client, monkeypatch):
    # Twelve are enough to fill three listing pages of five (the listing reads the page size where it lists).
    monkeypatch.setattr("products.models.category.PRODUCTS_PER_PAGE", 5)
    output = load("--products", "12")

    category = ProductIndexPage.objects.get(locale__language_code="en", slug="catalogue")
    pages = ProductPage.objects.child_of(category).live()
    assert "Added 12 generated products (12 pages)" in output
    assert pages.count() == 12
    assert Page.objects.get(pk=category.pk).numchild == 12
    assert [client.get(page.url).status_code for page in pages] == [200] * 12
    listed = "".join(client.get(category.url, {"sort": "name", "page": n}).content.decode() for n in (1, 2, 3))
    assert all(f">{escape(page.title)}<" in listed for page in pages)
    assert Page.find_problems() == ([], [], [], [], [])
    assert ProductIndexPage.objects.get(locale__language_code="ru", slug="katalog").live


def test_the_demo_ships_to_four_zones_free_over_50_with_the_countries_rates(demo_output):
    from checkout.models import ShippingMethod, ShippingZone, TaxRate

    zones = dict(ShippingZone.objects.values_list("name", "countries"))
    assert sorted(zones) == ["Rest of the EU", "Russia", "Spain", "USA"]
    assert (zones["Spain"], zones["Russia"], zones["USA"]) == (["ES"], ["RU"], ["US"])
    assert {"DE", "FR"} <= set(zones["Rest of the EU"]) and "ES" not in zones["Rest of the EU"]
    rates = {(r.country, r.tax_class): r.rate for r in TaxRate.objects.all()}
    assert (rates["ES", "standard"], rates["ES", "reduced"], rates["DE", "reduced"], rates["FR", "reduced"]) == (
        21,
        10,
        7,
        Decimal("5.5"),
    )
    assert (rates["RU", "standard"], rates["US", "standard"]) == (20, 0)
    standard = ShippingMethod.objects.get(zone__name="Spain", name="Standard delivery")
    assert standard.free_from == 50
    names = dict(
        ShippingMethod.objects.filter(translation_key=standard.translation_key).values_list(
            "locale__language_code", "name"
        )
    )
    assert names == {"en": "Standard delivery", "es": "Envío estándar", "ru": "Стандартная доставка"}
    assert not Product.objects.filter(sku__in=[item.sku for item in PRODUCTS], weight=0).exists()


def test_the_demo_gives_the_seller_a_tax_id_and_keeps_a_managers_own(demo_output):
    from wagtail.models import Site

    from home.models import ShopSettings

    site = Site.objects.get(is_default_site=True)
    assert ShopSettings.objects.get(site=site).seller_tax_id == "ESB00000000"

    ShopSettings.objects.filter(site=site).update(seller_tax_id="ESB12345678")
    load()

    assert ShopSettings.objects.get(site=site).seller_tax_id == "ESB12345678"


def test_the_demo_has_three_markets_named_in_every_language(demo_output):
    from markets.models import ExchangeRate, Market

    markets = {market.code: market for market in Market.objects.sources()}
    assert {code: (market.currency, market.is_default) for code, market in markets.items()} == {
        "us": ("USD", True),
        "eurozone": ("EUR", False),
        "russia": ("RUB", False),
    }
    assert {"ES", "DE", "FR"} <= set(markets["eurozone"].countries)
    assert Market.objects.get(code="russia", locale__language_code="es").name == "Rusia"
    assert set(ExchangeRate.objects.values_list("currency", flat=True)) == {"EUR", "RUB"}
