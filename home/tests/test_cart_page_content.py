"""The cart page's editable content: one translatable snippet per locale, rendered by an include."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from checkout.tests.factories import order_with
from home.models import CartPageContent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_recommender(settings):
    settings.REDIS_URL = ""


def content(locale, text, **bought_together):
    body = [("paragraph", f"<p>{text}</p>")]
    if bought_together:
        body.append(("bought_together", {"heading": "", "count": 4, "fallback_products": [], **bought_together}))
    return CartPageContent.objects.create(locale=locale, body=body)


def render_cart_content(code, cart=None):
    request = RequestFactory().get(f"/{code}/cart/")
    request.session = {"cart": cart} if cart is not None else {}
    with translation.override(code):
        return render_to_string("home/includes/cart_page_content.html", request=request)


def test_renders_the_current_locales_content(locales):
    content(locales["en"], "Free delivery over $50.")
    content(locales["es"], "Envío gratis a partir de 50 $.")

    assert "<p>Envío gratis a partir de 50 $.</p>" in render_cart_content("es")
    assert "<p>Free delivery over $50.</p>" in render_cart_content("en")


def test_an_untranslated_locale_gets_the_default_locales_content(locales):
    content(locales["en"], "Free delivery over $50.")

    assert "<p>Free delivery over $50.</p>" in render_cart_content("ru")


def test_no_content_renders_nothing(locales):
    assert render_cart_content("en").strip() == ""


@pytest.mark.parametrize(
    ("code", "heading", "mug"),
    [("en", "In the cart?", "Mug"), ("es", "¿En el carrito?", "Taza"), ("ru", "В корзине?", "Кружка")],
)
def test_bought_together_suggests_for_the_cart_in_each_language(catalog, locales, code, heading, mug):
    # given the kettle and the mug were bought together, and the kettle is in the cart
    kettle = catalog["kettle"]["en"].product
    order_with(kettle, catalog["mug"]["en"].product)
    content(locales[code], "…", heading=heading)

    html = render_cart_content(code, cart={str(kettle.pk): {"quantity": 2, "price": "24.50"}})

    assert f'<h2 class="section-title">{heading}</h2>' in html
    assert f'<h3 class="product-card__title">{mug}</h3>' in html
    assert "product-card__title" in html and html.count("product-card__title") == 1


def test_a_cart_with_junk_in_the_session_gets_no_suggestions(catalog, locales):
    content(locales["en"], "Hello", heading="Also bought")

    html = render_cart_content("en", cart={"not-a-number": {}, "": {}})

    assert "<p>Hello</p>" in html and "Also bought" not in html


def test_one_content_per_locale(locales):
    content(locales["es"], "Uno")
    second = CartPageContent(locale=locales["es"], body=[])

    with pytest.raises(ValidationError) as error:
        second.full_clean()

    assert error.value.messages == ["The cart page already has content in this language: edit that one instead."]
    CartPageContent(locale=locales["ru"], body=[]).full_clean()  # another language is fine


def test_the_content_is_translatable(locales):
    english = content(locales["en"], "Free delivery over $50.")

    spanish = english.copy_for_translation(locales["es"])
    spanish.save()

    assert spanish.translation_key == english.translation_key
    assert CartPageContent.for_locale(locales["es"]) == spanish
    assert str(spanish) == "Cart page content (Español)"


def test_adding_a_second_content_for_a_locale_in_the_admin_is_refused_with_a_message(admin_client, locales):
    content(locales["es"], "Uno")

    response = admin_client.post(
        "/admin/snippets/home/cartpagecontent/add/?locale=es",
        {"body-count": "0"},
    )

    assert response.status_code == 200
    assert "The cart page already has content in this language: edit that one instead." in response.content.decode()
    assert CartPageContent.objects.filter(locale=locales["es"]).count() == 1
