"""The staff groups (editors, shop managers, translators, translation reviewers) exist on every database, made
by `migrate`."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from home.groups import ensure_groups

pytestmark = pytest.mark.django_db

EDITORS_MODEL_PERMISSIONS = {
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    "products.add_product",
    "products.change_product",
    "products.view_product",
    "home.add_cartpagecontent",
    "home.change_cartpagecontent",
    "home.view_cartpagecontent",
}
SHOP_MANAGERS_MODEL_PERMISSIONS = {
    "wagtailadmin.access_admin",
    "products.change_product",
    "products.view_product",
    "checkout.view_order",
    "checkout.change_order",
    "checkout.refund_order",
    "checkout.view_paymentevent",
    "checkout.change_paymentevent",
    "coupons.add_coupon",
    "coupons.change_coupon",
    "coupons.delete_coupon",
    "coupons.view_coupon",
    "accounts.view_customer",
    *(
        f"checkout.{action}_{model}"
        for model in ("shippingzone", "shippingmethod", "taxrate")
        for action in ("add", "change", "delete", "view")
    ),
    *(
        f"markets.{action}_{model}"
        for model in ("market", "exchangerate", "variantprice")
        for action in ("add", "change", "delete", "view")
    ),
    "wagtail_localize.submit_translation",
}
TRANSLATORS_MODEL_PERMISSIONS = {
    "wagtailadmin.access_admin",
    "wagtail_localize.submit_translation",
    "home.change_cartpagecontent",
    "home.view_cartpagecontent",
    "checkout.change_shippingmethod",
    "checkout.view_shippingmethod",
    "markets.change_market",
    "markets.view_market",
    "translations.change_stringoverride",
    "translations.view_stringoverride",
}
REVIEWERS_MODEL_PERMISSIONS = TRANSLATORS_MODEL_PERMISSIONS | {
    "translations.review_stringoverride",
    "translations.add_glossaryterm",
    "translations.change_glossaryterm",
    "translations.delete_glossaryterm",
}
EDITORS_PAGE_PERMISSIONS = {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"}
TRANSLATORS_PAGE_PERMISSIONS = {"add_page", "change_page", "publish_page"}


def group(name):
    return Group.objects.get(name=name)


def model_perms(name):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group(name).permissions.select_related("content_type")}


def page_perms(name):
    return set(
        GroupPagePermission.objects.filter(group__name=name).values_list(
            "page__locale__language_code", "permission__codename"
        )
    )


def collection_perms(name):
    return set(
        GroupCollectionPermission.objects.filter(group__name=name).values_list("permission__codename", flat=True)
    )


def test_a_migrated_database_has_the_staff_groups_with_their_permissions():
    # Given the test database, made by `migrate` alone: the English home page, no other locale.
    assert set(Group.objects.values_list("name", flat=True)) >= {
        settings.EDITORS_GROUP,
        settings.SHOP_MANAGERS_GROUP,
        settings.TRANSLATORS_GROUP,
        settings.TRANSLATION_REVIEWERS_GROUP,
    }
    # Wagtail's own migrations made the Editors group already (with image and document rights): extended.
    assert model_perms(settings.EDITORS_GROUP) >= EDITORS_MODEL_PERMISSIONS
    assert model_perms(settings.SHOP_MANAGERS_GROUP) == SHOP_MANAGERS_MODEL_PERMISSIONS
    assert model_perms(settings.TRANSLATORS_GROUP) == TRANSLATORS_MODEL_PERMISSIONS
    assert model_perms(settings.TRANSLATION_REVIEWERS_GROUP) == REVIEWERS_MODEL_PERMISSIONS
    assert page_perms(settings.EDITORS_GROUP) == {("en", codename) for codename in EDITORS_PAGE_PERMISSIONS}
    assert page_perms(settings.SHOP_MANAGERS_GROUP) == set()
    assert page_perms(settings.TRANSLATORS_GROUP) == set()  # no translated locale yet
    assert collection_perms(settings.EDITORS_GROUP) >= {"add_image", "choose_image"}
    assert collection_perms(settings.SHOP_MANAGERS_GROUP) == set()
    assert collection_perms(settings.TRANSLATORS_GROUP) == {"choose_image"}


def test_translated_home_pages_get_their_page_permissions_on_the_next_run(homes):
    ensure_groups()

    assert page_perms(settings.EDITORS_GROUP) == {
        (code, codename) for code in ("en", "es", "ru") for codename in EDITORS_PAGE_PERMISSIONS
    }
    assert page_perms(settings.TRANSLATORS_GROUP) == {
        (code, codename) for code in ("es", "ru") for codename in TRANSLATORS_PAGE_PERMISSIONS
    }
    assert page_perms(settings.TRANSLATION_REVIEWERS_GROUP) == page_perms(settings.TRANSLATORS_GROUP)
    assert page_perms(settings.SHOP_MANAGERS_GROUP) == set()


def test_it_only_ever_adds_and_never_twice(homes):
    ensure_groups()
    extra = Permission.objects.get(content_type__app_label="home", codename="delete_cartpagecontent")
    group(settings.TRANSLATORS_GROUP).permissions.add(extra)
    counts = (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count())

    ensure_groups()

    assert model_perms(settings.TRANSLATORS_GROUP) == TRANSLATORS_MODEL_PERMISSIONS | {"home.delete_cartpagecontent"}
    assert (GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count()) == counts


def test_migrate_makes_the_groups_again():
    Group.objects.all().delete()

    call_command("migrate", verbosity=0)

    assert model_perms(settings.SHOP_MANAGERS_GROUP) == SHOP_MANAGERS_MODEL_PERMISSIONS
    assert page_perms(settings.EDITORS_GROUP) == {("en", codename) for codename in EDITORS_PAGE_PERMISSIONS}
    assert collection_perms(settings.TRANSLATORS_GROUP) == {"choose_image"}


def test_unknown_permissions_are_skipped_not_fatal():
    skipped = ensure_groups({"Auditors": ["wagtailadmin.access_admin", "loyalty.view_reward"]})

    assert skipped == {"Auditors": ["loyalty.view_reward"]}
    assert model_perms("Auditors") == {"wagtailadmin.access_admin"}
