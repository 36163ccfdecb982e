"""The staff groups and what each may do in the Wagtail admin, made on every `migrate` and by the demo loader.

`GROUP_PERMISSIONS` is the one place to extend: a group name → "app_label.codename" strings. Page permissions
are granted on the home page of each of the group's locales (that locale's whole shop tree, not the tree
root): every locale for editors, the translated locales only for translators (their rights are defined in
`home.translators`). Image and document permissions go on the root collection, everything else is a plain
model permission. A permission whose app or model is not installed yet is skipped, so a group can list
permissions of models that arrive later. Permissions are named, not imported: home imports no higher app.

`ensure_groups` only ever adds: what an administrator granted by hand stays, and so does a right removed from
this list (remove it in the admin too). It runs after every `migrate` (`create_staff_groups`, connected in
`home.apps`) and from the demo loader, which runs it again once the demo has made the Spanish and Russian
home pages. A home page added later in the admin gets its groups' page permissions on the next `migrate`.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from home.models import HomePage
from home.translators import (
    REVIEWER_PERMISSIONS,
    TRANSLATOR_COLLECTION_PERMISSIONS,
    TRANSLATOR_PAGE_PERMISSIONS,
    TRANSLATOR_PERMISSIONS,
)

PAGE_APP = "wagtailcore"
PAGE_CODENAMES = {"add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"}
COLLECTION_APPS = {"wagtailimages", "wagtaildocs"}

GROUP_PERMISSIONS = {
    settings.EDITORS_GROUP: [
        "wagtailadmin.access_admin",
        "wagtailcore.add_page",
        "wagtailcore.change_page",
        "wagtailcore.publish_page",
        "wagtailcore.lock_page",
        "wagtailcore.unlock_page",
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtail_localize.submit_translation",
        "products.add_product",
        "products.change_product",
        "products.view_product",
        "home.add_cartpagecontent",
        "home.change_cartpagecontent",
        "home.view_cartpagecontent",
    ],
    settings.SHOP_MANAGERS_GROUP: [
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
        # Shipping methods are translated snippets: their names and descriptions go to translation like pages.
        "wagtail_localize.submit_translation",
    ],
    settings.TRANSLATORS_GROUP: [
        *TRANSLATOR_PERMISSIONS,
        *(f"{PAGE_APP}.{codename}" for codename in TRANSLATOR_PAGE_PERMISSIONS),
        *TRANSLATOR_COLLECTION_PERMISSIONS,
    ],
    settings.TRANSLATION_REVIEWERS_GROUP: [
        *TRANSLATOR_PERMISSIONS,
        *REVIEWER_PERMISSIONS,
        *(f"{PAGE_APP}.{codename}" for codename in TRANSLATOR_PAGE_PERMISSIONS),
        *TRANSLATOR_COLLECTION_PERMISSIONS,
    ],
}


def _translated_locales(language_code):
    return language_code != settings.LANGUAGE_CODE


# The locales whose home pages get a group's page permissions; every locale for a group not listed.
GROUP_PAGE_LOCALES = {
    settings.TRANSLATORS_GROUP: _translated_locales,
    settings.TRANSLATION_REVIEWERS_GROUP: _translated_locales,
}


def ensure_groups(group_permissions=None):
    """Create the groups and grant their permissions; only ever adds. Returns {group name: skipped perms}.

    A handful of queries whatever the number of groups, so that every run of the demo command can afford it.
    """
    group_permissions = GROUP_PERMISSIONS if group_permissions is None else group_permissions
    wanted = {tuple(dotted.split(".", 1)) for perms in group_permissions.values() for dotted in perms}
    known = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app for app, _codename in wanted}, codename__in={c for _app, c in wanted}
        )
    }
    # Each locale's home page; page permissions granted there cover that locale's whole shop tree.
    homes = list(HomePage.objects.filter(depth=2).select_related("locale"))
    root_collection = Collection.get_first_root_node()
    page_grants, collection_grants, skipped = [], [], {}
    for name, perms in group_permissions.items():
        group, _created = Group.objects.get_or_create(name=name)
        skipped[name] = [dotted for dotted in perms if tuple(dotted.split(".", 1)) not in known]
        in_locale = GROUP_PAGE_LOCALES.get(name, lambda _language_code: True)
        model_perms = []
        for app_label, codename in (tuple(d.split(".", 1)) for d in perms if d not in skipped[name]):
            permission = known[app_label, codename]
            if app_label == PAGE_APP and codename in PAGE_CODENAMES:
                page_grants += [
                    GroupPagePermission(group=group, page=home, permission=permission)
                    for home in homes
                    if in_locale(home.locale.language_code)
                ]
            elif app_label in COLLECTION_APPS:
                collection_grants.append(
                    GroupCollectionPermission(group=group, collection=root_collection, permission=permission)
                )
            else:
                model_perms.append(permission)
        group.permissions.add(*model_perms)
    _create_missing(GroupPagePermission, page_grants, "page_id")
    _create_missing(GroupCollectionPermission, collection_grants, "collection_id")
    return skipped


def _create_missing(model, grants, target):
    existing = set(
        model.objects.filter(group__in={g.group_id for g in grants}).values_list("group_id", target, "permission_id")
    )
    model.objects.bulk_create([g for g in grants if (g.group_id, getattr(g, target), g.permission_id) not in existing])


def _migrations_pending(using):
    executor = MigrationExecutor(connections[using])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def create_staff_groups(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, verbosity=1, **kwargs):
    """post_migrate receiver of the home app: the staff groups on every database, the demo's or not.

    Django creates each app's permissions in that app's own post_migrate, and home's comes before most of
    them, so this creates them all first (Django's `create_permissions`, which adds only what is missing).
    Nothing is done while migrations are pending (a partial `migrate app 0001`, or back to zero): the tables
    need not match the models then. A database without home pages yet gets the groups without page rights.
    """
    if using != DEFAULT_DB_ALIAS or _migrations_pending(using):
        return
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=verbosity, interactive=False, using=using, apps=apps)
    with transaction.atomic(using=using):
        ensure_groups()
