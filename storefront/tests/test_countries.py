"""The country lists (checkout, shipping zones) are in the alphabetical order a reader of each language expects."""

import pytest
from django.utils import translation

from storefront.countries import country_names, sorted_by_name

RUSSIAN_ALPHABET = "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"


def names_in_order(language):
    return [name for _code, name in sorted_by_name(country_names(language), language)]


def in_this_order(names, expected):
    positions = [names.index(name) for name in expected]
    return positions == sorted(positions)


def test_the_russian_list_is_in_cyrillic_alphabetical_order():
    # When the countries are listed in Russian
    names = names_in_order("ru")

    # Then it starts with А and ends with Я, each first letter in the alphabet's order (case aside, Ё as Е), й after и
    assert names[:3] == ["Австралия", "Австрия", "Азербайджан"]
    assert names[-2:] == ["Ямайка", "Япония"]
    first_letters = [RUSSIAN_ALPHABET.index(name[0].upper().replace("Ё", "Е")) for name in names]
    assert first_letters == sorted(first_letters)
    assert in_this_order(names, ["Италия", "Йемен", "Кабо-Верде"])
    assert in_this_order(names, ["Танзания", "Тёркс и Кайкос", "Того"])
    assert in_this_order(names, ["Сирия", "Соединенные Штаты", "Сомали"])


def test_the_spanish_list_ignores_accents_and_keeps_n_tilde_after_n():
    names = names_in_order("es")

    assert names[:3] == ["Afganistán", "Albania", "Alemania"]
    assert in_this_order(names, ["Costa Rica", "Côte d’Ivoire", "Croacia"])
    assert in_this_order(names, ["Eslovenia", "España", "Estados Unidos"])
    assert in_this_order(names, ["Nicaragua", "Níger", "Nigeria"])
    # No country name starts with Ñ: the rule, on made-up names
    assert [name for _code, name in sorted_by_name({"a": "Ñandú", "b": "Oso", "c": "Nube", "d": "Nzeta"}, "es")] == [
        "Nube",
        "Nzeta",
        "Ñandú",
        "Oso",
    ]


def test_the_english_list_ignores_accents():
    names = names_in_order("en")

    assert names[:3] == ["Afghanistan", "Åland Islands", "Albania"]
    assert in_this_order(names, ["Costa Rica", "Côte d’Ivoire", "Croatia"])
    assert names[-2:] == ["Zambia", "Zimbabwe"]


@pytest.mark.parametrize(("language", "first"), [("en", "Afghanistan"), ("es", "Afganistán"), ("ru", "Австралия")])
def test_without_a_language_the_active_one_sorts(language, first):
    with translation.override(language):
        assert sorted_by_name(country_names())[0][1] == first
