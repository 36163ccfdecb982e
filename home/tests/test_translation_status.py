"""The "Translation status" view: untranslated, out of date and current pages per locale, and the .po files."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from home.backoffice.translation_status import (
    CURRENT,
    OUT_OF_DATE,
    UNTRANSLATED,
    catalogue_statuses,
    page_statuses,
    source_pages,
)
from home.tests.localize_helpers import make_translator, publish_target, start_translation
from products.tests import factories


@pytest.fixture
def lamp(catalog):
    return factories.add_product_page(
        catalog["category"]["en"], factories.ProductFactory(sku="LAMP-1", name="Lamp"), title="Lamp"
    )


def _states(locale):
    return {status.source.title: status.state for status in page_statuses(source_pages(), locale)}


def _translate_all(translation):
    for string_segment in translation.source.stringsegment_set.select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of_id=string_segment.string_id,
            locale=translation.target_locale,
            context_id=string_segment.context_id,
            defaults={"data": f"RU {string_segment.string.data}"},
        )
    publish_target(translation)


def test_a_page_without_a_translation_is_untranslated(lamp, locales):
    assert _states(locales["ru"])["Lamp"] == UNTRANSLATED


def test_an_alias_is_untranslated(lamp, locales):
    lamp.copy_for_translation(locales["ru"], alias=True)

    assert _states(locales["ru"])["Lamp"] == UNTRANSLATED


def test_states_follow_translation_edit_and_resync(lamp, locales):
    translation = start_translation(lamp, "ru")
    assert _states(locales["ru"])["Lamp"] == OUT_OF_DATE  # nothing translated yet

    _translate_all(translation)
    assert _states(locales["ru"])["Lamp"] == CURRENT

    lamp.short_description = "A brighter lamp."
    factories.publish(lamp)
    assert _states(locales["ru"])["Lamp"] == OUT_OF_DATE  # source changed, not yet synced

    translation.source.update_from_db()
    assert _states(locales["ru"])["Lamp"] == OUT_OF_DATE  # synced: one new string to translate

    _translate_all(translation)
    assert _states(locales["ru"])["Lamp"] == CURRENT


def test_pages_translated_without_wagtail_localize_compare_publication_dates(catalog, locales):
    assert _states(locales["ru"])["Kettle"] == CURRENT

    factories.publish(catalog["kettle"]["en"])

    assert _states(locales["ru"])["Kettle"] == OUT_OF_DATE
    assert _states(locales["ru"])["Mug"] == CURRENT


def test_statuses_take_a_fixed_number_of_queries(catalog, lamp, locales, django_assert_max_num_queries):
    start_translation(lamp, "es")
    pages = list(source_pages())

    with django_assert_max_num_queries(4):
        statuses = page_statuses(pages, locales["es"])

    assert len(statuses) == 4


def test_view_lists_pages_with_links_into_the_editor(client, lamp, catalog):
    translation = start_translation(lamp, "ru")
    client.force_login(make_translator())

    response = client.get(reverse("translation_status", args=["ru"]))

    assert response.status_code == 200
    rows = {status.source.title: status for status in response.context["statuses"]}
    assert sorted(rows) == ["Kettle", "Kitchen", "Lamp", "Mug"]
    edit_url = reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk])
    assert rows["Lamp"].action_url == edit_url
    assert edit_url in response.content.decode()


def test_untranslated_pages_link_to_translate(client, lamp, locales, homes):
    client.force_login(make_translator())

    response = client.get(reverse("translation_status", args=["es"]))

    (lamp_status,) = [status for status in response.context["statuses"] if status.source.title == "Lamp"]
    assert lamp_status.action_url == reverse("wagtail_localize:submit_page_translation", args=[lamp.pk])


def test_translator_sees_their_locales_but_not_the_source(client, homes):
    client.force_login(make_translator())

    assert client.get(reverse("translation_status")).url == reverse("translation_status", args=["es"])
    assert client.get(reverse("translation_status", args=["en"])).status_code == 302  # denied: to the dashboard


def test_shop_manager_without_page_permissions_does_not_see_it(client, homes):
    group = Group.objects.get(name=settings.SHOP_MANAGERS_GROUP)  # made by migrate: home.groups
    manager = get_user_model().objects.create_user("sam", "sam@example.com", "pw-manager-1")
    manager.groups.add(group)
    client.force_login(manager)

    response = client.get(reverse("translation_status", args=["ru"]))
    dashboard = client.get(reverse("wagtailadmin_home"))

    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert reverse("translation_status") not in dashboard.content.decode()


def test_catalogue_completeness_counts_translated_entries(tmp_path):
    catalogue = tmp_path / "shop" / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Cart"\nmsgstr "Корзина"\n\nmsgid "Pay"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Price"\nmsgstr "Цена"\n',
        encoding="utf-8",
    )
    hidden = tmp_path / ".venv" / "locale" / "ru" / "LC_MESSAGES" / "django.po"
    hidden.parent.mkdir(parents=True)
    hidden.write_text('msgid "x"\nmsgstr ""\n', encoding="utf-8")

    (status,) = catalogue_statuses("ru", base_dir=tmp_path)

    assert (status.path, status.translated, status.total, status.percent) == (
        "shop/locale/ru/LC_MESSAGES/django.po",
        1,
        3,
        33,
    )
