"""The Translators group: translate and publish es/ru pages; never the English source, prices or orders."""

import pytest
from django.urls import reverse

from home.tests.localize_helpers import make_translator, run_on_commit, segment, start_translation
from products.tests import factories


@pytest.fixture
def russian_lamp(catalog):
    """A product page in English and its wagtail-localize translation into Russian."""
    lamp = factories.add_product_page(
        catalog["category"]["en"], factories.ProductFactory(sku="LAMP-1", name="Lamp", price="31.00")
    )
    return lamp, start_translation(lamp, "ru")


def test_translator_opens_the_translation_editor_for_the_russian_page(client, russian_lamp):
    lamp, translation = russian_lamp
    client.force_login(make_translator())

    response = client.get(reverse("wagtailadmin_pages:edit", args=[translation.get_target_instance().pk]))

    assert response.status_code == 200
    assert "wagtail_localize/admin/edit_translation.html" in [t.name for t in response.templates]


def test_translator_translates_and_publishes_the_russian_page(client, russian_lamp):
    lamp, translation = russian_lamp
    client.force_login(make_translator())
    ru_page = translation.get_target_instance()
    title = segment(translation, "title")

    put = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, title.pk]),
        data="value=Лампа",
        content_type="application/x-www-form-urlencoded",
    )
    with run_on_commit():
        publish = client.post(reverse("wagtailadmin_pages:edit", args=[ru_page.pk]), {"action": "publish"})

    assert put.status_code == 201
    assert publish.status_code == 302
    ru_page.refresh_from_db()
    assert ru_page.title == "Лампа"
    assert ru_page.live
    assert ru_page.get_latest_revision().user.username == "tanya"
    assert ru_page.product_id == lamp.product_id


def test_translator_cannot_edit_or_publish_the_english_source(client, russian_lamp):
    lamp, _translation = russian_lamp
    client.force_login(make_translator())

    edit = client.get(reverse("wagtailadmin_pages:edit", args=[lamp.pk]))
    publish = client.post(
        reverse("wagtailadmin_pages:edit", args=[lamp.pk]), {"title": "Hacked", "slug": "lamp", "action-publish": "1"}
    )

    # Wagtail answers a permission denial in the admin with a redirect to the dashboard and a message.
    assert (edit.status_code, edit.url) == (302, reverse("wagtailadmin_home"))
    assert (publish.status_code, publish.url) == (302, reverse("wagtailadmin_home"))
    lamp.refresh_from_db()
    assert lamp.title == "Lamp"
    permissions = lamp.permissions_for_user(make_translator("other"))
    assert not permissions.can_edit()
    assert not permissions.can_publish()


def test_translator_cannot_edit_products(client, catalog):
    kettle = catalog["kettle"]["en"].product
    client.force_login(make_translator())

    response = client.get(reverse("wagtailsnippets_products_product:edit", args=[kettle.pk]))

    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))


def test_translator_has_no_commercial_or_order_permissions(db, locales, homes):
    translator = make_translator()

    assert translator.has_perm("wagtailadmin.access_admin")
    assert translator.has_perm("wagtail_localize.submit_translation")
    for permission in (
        "products.change_product",
        "products.add_product",
        "checkout.view_order",
        "checkout.change_order",
    ):
        assert not translator.has_perm(permission), permission


def test_translator_may_add_and_publish_in_es_and_ru_only(db, locales, homes):
    translator = make_translator()

    for code, allowed in (("en", False), ("es", True), ("ru", True)):
        permissions = homes[code].permissions_for_user(translator)
        assert permissions.can_edit() is allowed, code
        assert permissions.can_publish() is allowed, code
        assert permissions.can_add_subpage() is allowed, code
