"""The staff groups and what each may do in the Wagtail admin.

`GROUP_PERMISSIONS` is the one place to extend: a group name → "app_label.codename" strings. Page permissions
are granted on every locale's home page (the whole shop tree, not the tree root), image and document
permissions on the root collection, everything else as a plain model permission. A permission whose app or
model is not installed yet is skipped, so a group can list permissions of models that arrive later.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from home.models import HomePage
from home.translators import configure_translators_group

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
        "checkout.view_paymentevent",
        "checkout.change_paymentevent",
        "coupons.add_coupon",
        "coupons.change_coupon",
        "coupons.delete_coupon",
        "coupons.view_coupon",
    ],
}


def _home_pages():
    """Each locale's home page; page permissions granted there cover that locale's whole shop tree."""
    return list(HomePage.objects.filter(depth=2))


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
    homes = _home_pages()
    root_collection = Collection.get_first_root_node()
    page_grants, collection_grants, skipped = [], [], {}
    for name, perms in group_permissions.items():
        group, _created = Group.objects.get_or_create(name=name)
        skipped[name] = [dotted for dotted in perms if tuple(dotted.split(".", 1)) not in known]
        model_perms = []
        for app_label, codename in (tuple(d.split(".", 1)) for d in perms if d not in skipped[name]):
            permission = known[app_label, codename]
            if app_label == PAGE_APP and codename in PAGE_CODENAMES:
                page_grants += [GroupPagePermission(group=group, page=home, permission=permission) for home in homes]
            elif app_label in COLLECTION_APPS:
                collection_grants.append(
                    GroupCollectionPermission(group=group, collection=root_collection, permission=permission)
                )
            else:
                model_perms.append(permission)
        group.permissions.add(*model_perms)
    _create_missing(GroupPagePermission, page_grants, "page_id")
    _create_missing(GroupCollectionPermission, collection_grants, "collection_id")
    # Translators: page rights on the non-default locales' trees only (see home.translators).
    translators, _created = Group.objects.get_or_create(name=settings.TRANSLATORS_GROUP)
    configure_translators_group(
        translators, [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    )
    return skipped


def _create_missing(model, grants, target):
    existing = set(
        model.objects.filter(group__in={g.group_id for g in grants}).values_list("group_id", target, "permission_id")
    )
    model.objects.bulk_create([g for g in grants if (g.group_id, getattr(g, target), g.permission_id) not in existing])
