"""No msgid (with its context) is translated two ways: Django keeps one translation per language, whatever app
asked for it, so a second catalogue's different word would silently never show."""

import importlib.util

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, pgettext

from checkout.orders.models import Order


def _messages_module():
    path = settings.BASE_DIR / "bin" / "messages.py"
    spec = importlib.util.spec_from_file_location("bin_messages", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


messages = _messages_module()

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def _catalogue(tmp_path, app, language, entries):
    path = tmp_path / app / "locale" / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + entries, encoding="utf-8")
    return path


def test_no_two_committed_catalogues_translate_one_msgid_differently():
    # Given every committed catalogue (locale/ and each app's)
    catalogues = [settings.BASE_DIR / path for path in messages.catalogues()]
    assert len(catalogues) == 16

    # When they are compared msgid by msgid, per language and context
    found = list(messages.clashes(catalogues))

    # Then no msgid has two translations
    assert found == []


def test_a_msgid_translated_two_ways_is_reported_with_both_words_and_where(tmp_path):
    # Given two apps' Russian catalogues that translate "Refunded" differently, and one with a context
    checkout = _catalogue(tmp_path, "checkout", "ru", 'msgid "Refunded"\nmsgstr "Возвращён"\n')
    accounts = _catalogue(
        tmp_path,
        "accounts",
        "ru",
        'msgid "Refunded"\nmsgstr "Возвращено"\n\nmsgctxt "order status"\nmsgid "Refunded"\nmsgstr "Возвращён"\n',
    )

    # When they are compared
    found = list(messages.clashes([checkout, accounts]))

    # Then the clash is named with both words and their catalogues; the one with a context is no clash
    assert found == [f"ru: 'Refunded' is translated differently: 'Возвращено' in {accounts}; 'Возвращён' in {checkout}"]


def test_the_same_msgid_under_different_contexts_or_languages_is_no_clash(tmp_path):
    # Given "Name" as a person's name and as a sort order, and a Spanish catalogue with another word
    accounts = _catalogue(tmp_path, "accounts", "ru", 'msgid "Name"\nmsgstr "Имя"\n')
    search = _catalogue(tmp_path, "search", "ru", 'msgctxt "sort order"\nmsgid "Name"\nmsgstr "По названию"\n')
    spanish = _catalogue(tmp_path, "search", "es", 'msgid "Name"\nmsgstr "Nombre"\n')

    # When they are compared
    found = list(messages.clashes([accounts, search, spanish]))

    # Then nothing is reported
    assert found == []


@pytest.mark.parametrize(
    ("language", "status", "amount", "person", "sort"),
    [
        ("ru", "Возвращён", "Возвращено", "Имя", "По названию"),
        ("es", "Reembolsado", "Reembolsado", "Nombre", "Nombre"),
    ],
)
def test_words_that_differ_by_meaning_are_told_apart_by_their_context(language, status, amount, person, sort):
    # Given the compiled catalogues, in Russian and Spanish
    with translation.override(language):
        # When an order's status, a refunded amount, a person's name and a sort order are labelled
        # Then each reads its own word
        assert str(Order.Status.REFUNDED.label) == status
        assert gettext("Refunded") == amount
        assert gettext("Name") == person
        assert pgettext("sort order", "Name") == sort
