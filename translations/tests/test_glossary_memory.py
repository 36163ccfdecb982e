"""The glossary per language, shown where translators translate and checked; the translation memory's
suggestions, exact and close, on PostgreSQL (pg_trgm) and without it (difflib)."""

from types import SimpleNamespace
from unittest import mock

import pytest
from django.urls import reverse

from home.tests.localize_helpers import make_translator, segment, start_translation
from products.tests import factories
from translations import memory
from translations.consistency import inconsistent_segments
from translations.memory import remember, suggestions
from translations.models import GlossaryTerm, MemoryEntry

from .helpers import entry, make_reviewer


@pytest.fixture
def spanish_lamp(catalog):
    lamp = factories.add_product_page(
        catalog["category"]["en"], factories.ProductFactory(sku="LAMP-1", name="Merino lamp", price="31.00")
    )
    return start_translation(lamp, "es")


def test_a_reviewer_adds_a_term_and_a_translator_only_reads_the_glossary(client, homes):
    client.force_login(make_translator(locales=("es",)))
    refused = client.post(reverse("glossary", args=["es"]), {"term": "merino", "translation": "merino"})
    listed = client.get(reverse("glossary", args=["es"]))
    client.force_login(make_reviewer())
    added = client.post(reverse("glossary", args=["es"]), {"term": "cast iron", "translation": "hierro fundido"})
    duplicate = client.post(reverse("glossary", args=["es"]), {"term": "Cast Iron", "translation": "x"})

    assert refused.status_code == 302 and listed.status_code == 200 and listed.context["form"] is None
    assert added.status_code == 302
    assert duplicate.context["form"].errors == {"term": ["This term is already in the glossary."]}
    assert list(GlossaryTerm.objects.values_list("language_code", "term", "translation")) == [
        ("es", "cast iron", "hierro fundido")
    ]


def test_a_russian_translator_cannot_open_the_spanish_glossary(client, homes):
    client.force_login(make_translator("ivan", locales=("ru",)))

    assert client.get(reverse("glossary", args=["es"]))["Location"] == reverse("wagtailadmin_home")


def test_the_interface_string_editor_shows_the_terms_found_in_the_source(client, homes):
    GlossaryTerm.objects.create(language_code="es", term="cart", translation="cesta", notes="never carrito")
    GlossaryTerm.objects.create(language_code="es", term="merino", translation="merino")
    client.force_login(make_translator(locales=("es",)))

    response = client.get(reverse("interface_string", args=["es", entry("Add to cart").key]))

    assert [term.term for term in response.context["glossary"]] == ["cart"]
    assert "never carrito" in response.content.decode()


def test_the_localize_editor_shows_the_glossary_and_applies_a_memory_suggestion(client, spanish_lamp):
    GlossaryTerm.objects.create(language_code="es", term="merino", translation="merino (lana)")
    remember("es", "Merino lamps", "Lámparas de merino", MemoryEntry.Origin.PAGE, "product page · title")
    client.force_login(make_translator(locales=("es",)))
    target = spanish_lamp.get_target_instance()

    html = client.get(reverse("wagtailadmin_pages:edit", args=[target.pk])).content.decode()
    title = segment(spanish_lamp, "title")
    put_url = reverse("wagtail_localize:edit_string_translation", args=[spanish_lamp.pk, title.pk])

    assert "merino (lana)" in html
    assert "Lámparas de merino" in html and f'data-put-url="{put_url}"' in html
    # What the "Use" button does: the editor's own PUT, and the string joins the memory as a page's.
    put = client.put(put_url, data="value=Lámpara de merino", content_type="application/x-www-form-urlencoded")
    assert put.status_code == 201
    assert MemoryEntry.objects.filter(
        language_code="es", source="Merino lamp", target="Lámpara de merino", origin="page"
    ).exists()


def test_the_check_lists_segments_whose_translation_misses_the_approved_term(client, spanish_lamp):
    GlossaryTerm.objects.create(language_code="es", term="merino", translation="merino")
    GlossaryTerm.objects.create(language_code="es", term="cart", translation="cesta")
    translator = make_translator(locales=("es",))
    client.force_login(translator)
    title = segment(spanish_lamp, "title")
    client.put(
        reverse("wagtail_localize:edit_string_translation", args=[spanish_lamp.pk, title.pk]),
        data="value=Lámpara de lana",
        content_type="application/x-www-form-urlencoded",
    )

    found = {(item.source, item.term.term) for item in inconsistent_segments("es")}
    page = client.get(reverse("glossary_check", args=["es"]))

    assert ("Merino lamp", "merino") in found
    assert ("Add to cart", "cart") in found  # shipped as "Añadir al carrito"
    assert page.status_code == 200 and "Lámpara de lana" in page.content.decode()


@pytest.fixture
def remembered(db):
    remember("es", "Add to cart", "Añadir a la cesta", MemoryEntry.Origin.INTERFACE, "cart")
    remember("es", "Add to the cart", "Añadir a la cesta", MemoryEntry.Origin.PAGE, "cart page · body")
    remember("es", "Cast iron kettle", "Hervidor de hierro fundido", MemoryEntry.Origin.PAGE, "product page · title")
    remember("ru", "Add to cart", "В корзину", MemoryEntry.Origin.INTERFACE, "cart")


@pytest.mark.parametrize("vendor", ["postgresql", "sqlite"])
def test_suggestions_are_exact_first_then_close_with_where_they_came_from(remembered, vendor):
    with mock.patch.object(memory, "connection", SimpleNamespace(vendor=vendor)):
        found = suggestions("es", "Add to cart")

    assert [(s.target, s.origin, s.where) for s in found] == [
        ("Añadir a la cesta", "Interface string", "cart"),
        ("Añadir a la cesta", "Page or snippet", "cart page · body"),
    ]
    assert found[0].score == 1.0 and 0.5 <= found[1].score < 1.0


def test_remembering_a_pair_twice_keeps_one(remembered):
    remember("es", "Add to cart", "Añadir a la cesta", MemoryEntry.Origin.INTERFACE, "cart")

    assert MemoryEntry.objects.filter(language_code="es", source="Add to cart").count() == 1
