"""On PostgreSQL each locale's pages are stemmed in their language, so another grammatical form finds them."""

import pytest
from wagtail.search.models import IndexEntry

from products.tests import factories
from search.backend import MultilingualPostgresSearchBackend
from search.query import search_backend

from .helpers import search

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.mark.parametrize(
    ("code", "q", "title"),
    [
        ("ru", "чайники", "Чайник"),
        ("ru", "кружки", "Кружка"),
        ("es", "hervidores", "Hervidor"),
        ("es", "hervidora", "Hervidor"),  # English (or Russian) stemming would miss this one
        ("es", "tazas", "Taza"),
        ("en", "kettles", "Kettle"),
        ("en", "mugs", "Mug"),
    ],
)
def test_another_grammatical_form_finds_the_product(client, catalog, code, q, title):
    assert search(client, code, q).titles == [title]


@pytest.mark.parametrize(("code", "q"), [("en", "kitchens"), ("es", "cocinar"), ("ru", "кухни")])
def test_another_form_of_the_category_finds_its_products(client, catalog, code, q):
    assert sorted(search(client, code, q).titles) == sorted([catalog["kettle"][code].title, catalog["mug"][code].title])


def test_each_page_is_indexed_with_its_own_languages_configuration(catalog):
    # Given the same product titled in three languages (Russian stems "электрический" to "электрическ", English
    # leaves Cyrillic words whole; Spanish stems "eléctrico" to "electr", English keeps it)
    kettle = catalog["kettle"]
    for code, title in (("en", "Electric kettles"), ("es", "Hervidor eléctrico"), ("ru", "Электрический чайник")):
        kettle[code].title = title
        kettle[code].save_revision().publish()

    titles = {code: IndexEntry.objects.get(object_id=str(kettle[code].pk)).title for code in ("en", "es", "ru")}

    assert titles == {
        "en": "'electr':1B 'kettl':2B",  # B: the weight of Page.title's boost of 2
        "es": "'electr':2B 'hervidor':1B",
        "ru": "'чайник':2B 'электрическ':1B",
    }


@pytest.mark.parametrize(
    ("code", "q"),
    [
        ("ru", "электрическая"),
        ("ru", "электрические чайники"),
        ("es", "eléctricas"),
        ("es", "hervidoras eléctricas"),
        ("en", "electrical"),
    ],
)
def test_an_inflected_word_finds_a_multi_word_title(client, catalog, code, q):
    kettle = catalog["kettle"]
    titles = {"en": "Electric kettle", "es": "Hervidor eléctrico", "ru": "Электрический чайник"}
    kettle[code].title = titles[code]
    kettle[code].save_revision().publish()

    assert search(client, code, q).titles == [titles[code]]


def test_the_shoppers_words_are_stemmed_in_the_shoppers_language():
    assert [search_backend(code).config for code in ("en", "es", "ru", "es-mx", "uk")] == [
        "english",
        "spanish",
        "russian",
        "spanish",
        "simple",  # a language PostgreSQL cannot stem is matched word for word
    ]


def test_the_database_backend_is_the_multilingual_one_on_postgresql():
    assert isinstance(search_backend("en"), MultilingualPostgresSearchBackend)


def test_objects_without_a_locale_use_the_default_configuration(catalog):
    image = factories.make_image("Electric kettles")

    entry = IndexEntry.objects.get(object_id=str(image.pk), content_type__model="image")
    assert entry.title == "'electr':1A 'kettl':2A"
