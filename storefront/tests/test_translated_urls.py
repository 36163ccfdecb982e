"""Another language's address of a shop view redirects to this language's address instead of a 404."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("asked", "target"),
    [
        ("/ru/search/", "/ru/poisk/"),
        ("/es/search/", "/es/buscar/"),
        ("/en/poisk/", "/en/search/"),
        ("/ru/buscar/", "/ru/poisk/"),
        ("/es/cart/", "/es/carrito/"),
        ("/ru/checkout/", "/ru/oformlenie/"),
        ("/ru/account/login/", "/ru/akkaunt/login/"),
    ],
)
def test_another_languages_address_redirects_to_this_languages(client, homes, asked, target):
    response = client.get(asked)

    assert response.status_code == 302
    assert response["Location"] == target


def test_the_query_and_the_views_arguments_are_kept(client, homes):
    # Given an order page's English address with its token, put under /es/
    with translation.override("es"):
        spanish = reverse("checkout:order", kwargs={"token": "a" * 32})
    with translation.override("en"):
        english = reverse("checkout:order", kwargs={"token": "a" * 32}).replace("/en/", "/es/", 1)

    response = client.get(f"{english}?utm=1")

    assert response.status_code == 302
    assert response["Location"] == f"{spanish}?utm=1"


@pytest.mark.parametrize("path", ["/ru/nothing-here/", "/ru//example.com/", "/ru/%2F%2Fexample.com/search/"])
def test_a_path_that_names_no_view_in_any_language_stays_a_404(client, homes, path):
    assert client.get(path).status_code == 404


def test_only_a_get_is_redirected(client, homes):
    assert client.post("/ru/search/").status_code == 404


def test_the_right_address_is_served_as_before(client, homes):
    assert client.get("/ru/poisk/").status_code == 200
