"""Nothing a translator types can break a page, an email or an invoice, or put markup or script in them."""

import pytest
from django.core.exceptions import ValidationError

from translations.catalogue import CatalogueEntry
from translations.validation import check_translation

GREETING = CatalogueEntry(app="shop", msgid="Hello %(name)s, order %(number)s", flags=("python-format",))
POSITIONAL = CatalogueEntry(app="shop", msgid="%s items in %s", flags=("python-format",))
BRACES = CatalogueEntry(app="shop", msgid="Page {n} of {total}", flags=("python-brace-format",))
LINK = CatalogueEntry(app="shop", msgid='Read <a href="%(url)s">the terms</a>.', flags=("python-format",))
PLAIN = CatalogueEntry(app="cart", msgid="Add to cart")
PLURAL_RU = CatalogueEntry(
    app="shop",
    msgid="%(count)d product",
    msgid_plural="%(count)d products",
    flags=("python-format",),
    plural_forms="nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 "
    ": 2);",
)


@pytest.mark.parametrize(
    "entry, forms",
    [
        (GREETING, ["Hola %(name)s, pedido %(number)s"]),
        (GREETING, ["Pedido %(number)s: hola %(name)s"]),
        (POSITIONAL, ["%s artículos en %s"]),
        (BRACES, ["Página {n} de {total}"]),
        (LINK, ['Lea <a href="%(url)s">las condiciones</a>.']),
        (PLAIN, ["Meter en la cesta"]),
        (PLURAL_RU, ["%(count)d товар", "%(count)d товара", "%(count)d товаров"]),
        (PLURAL_RU, ["Один товар", "%(count)d товара", "%(count)d товаров"]),
        (GREETING, ["100%% listo, %(name)s, %(number)s"]),
    ],
)
def test_good_translations_pass(entry, forms):
    check_translation(entry, forms)


@pytest.mark.parametrize(
    "entry, forms, code",
    [
        (GREETING, ["Hola %(nombre)s, pedido %(number)s"], "placeholders"),  # renamed: KeyError when rendered
        (GREETING, ["Hola, pedido %(number)s"], "placeholders"),
        (GREETING, ["Hola %(name)s %(number)s %(password)s"], "placeholders"),
        (GREETING, ["100% listo %(name)s %(number)s"], "percent"),  # "% l": ValueError when formatted
        (POSITIONAL, ["en %s"], "placeholders"),  # "not all arguments converted"
        (POSITIONAL, ["%d artículos en %s"], "placeholders"),
        (BRACES, ["Página {n} de {totales}"], "placeholders"),
        (BRACES, ["Página {n de {total}"], "braces"),
        (BRACES, ["Página {0.__class__} {n} {total}"], "placeholders"),
        (PLAIN, ["<script>alert(1)</script>"], "html"),
        (PLAIN, ['<img src=x onerror="alert(1)">'], "html"),
        (PLAIN, ["Añadir <b>ya</b>"], "html"),
        (PLAIN, ["Añadir al carrito <"], "html"),
        (PLAIN, ["Añadir %(x)s"], "placeholders"),
        (PLAIN, ["   "], "empty"),
        (PLAIN, ["Añadir\x00"], "control"),
        (PLAIN, ["a" * 5000], "length"),
        (LINK, ['Lea <a href="javascript:alert(1)">las condiciones</a>.'], "html"),
        (LINK, ['Lea <a href="%(url)s" onclick="x()">las condiciones</a>.'], "html"),
        (LINK, ['Lea <a href="%(url)s">las condiciones</a><script>x</script>.'], "html"),
        (PLURAL_RU, ["%(count)d товар", "%(count)d товаров"], "plurals"),  # Russian has three forms
        (PLURAL_RU, ["%(count)d товар", "%(count)d товара", "%(count)d %(price)s"], "placeholders"),
        (PLURAL_RU, ["%(count)d товар", "", "%(count)d товаров"], "empty"),
    ],
)
def test_bad_translations_are_refused_with_a_reason(entry, forms, code):
    with pytest.raises(ValidationError) as refused:
        check_translation(entry, forms)

    codes = {error.code for error in refused.value.error_list}
    assert code in codes
    assert refused.value.messages[0]  # a message a translator can read


def test_a_refused_plural_form_is_named():
    with pytest.raises(ValidationError) as refused:
        check_translation(PLURAL_RU, ["%(count)d товар", "%(count)d товара", "%(count)s товаров %(x)s"])

    assert refused.value.messages == ["Plural form 3: Use exactly the placeholders of the source: %(count)d."]
