"""The Translators group: translate pages into their locales with wagtail-localize, and nothing more.

A translator gets add/edit/publish on the home page of each of their locales (so on that locale's whole
tree) and no page permission anywhere else: the English source stays out of reach, because
wagtail-localize opens its translation editor (and PO download/upload) only for users who `can_edit()`
the translated page, and publishes only for users who `can_publish()` it. No model permission on
`products.Product` (price, stock) or on `checkout` orders is ever granted. The one snippet shoppers see, the
cart page content, they may view and change, but only in their locales (`home.permissions`): the English
source and the other translators' locales stay out of reach.
"""

from django.contrib.auth.models import Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page

# Model permissions, as "app_label.codename".
TRANSLATOR_PERMISSIONS = (
    "wagtailadmin.access_admin",
    # Lets a translator start translating a page that has no translation in their locale yet.
    "wagtail_localize.submit_translation",
    # The translation editor of a snippet opens through its edit view ("change"); "view" lists the snippet.
    "home.change_cartpagecontent",
    "home.view_cartpagecontent",
    # Shipping methods' names and descriptions; their prices are synchronised from the source, never translated.
    "checkout.change_shippingmethod",
    "checkout.view_shippingmethod",
    # Markets' names; their countries, currency and rules are synchronised from the source, never translated.
    "markets.change_market",
    "markets.view_market",
)
# Page permissions given on the home page of each of the translator's locales.
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# Collection permissions given on the root collection (images are not translated, only chosen).
TRANSLATOR_COLLECTION_PERMISSIONS = ("wagtailimages.choose_image",)


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _locale(value):
    return value if isinstance(value, Locale) else Locale.objects.get(language_code=value)


def configure_translators_group(group, locales):
    """Give `group` exactly the translator's rights for `locales` (Locale objects or language codes).

    For a group of translators of some locales only; the standard Translators group, for every translated
    locale, is made from the same rights by `home.groups`. Idempotent: any page or collection permission the
    group had before is replaced, so running it again converges on the same rights.
    """
    group.permissions.set([_permission(dotted) for dotted in TRANSLATOR_PERMISSIONS])

    page_permissions = [_permission(f"wagtailcore.{codename}") for codename in TRANSLATOR_PAGE_PERMISSIONS]
    GroupPagePermission.objects.filter(group=group).delete()
    locale_ids = [_locale(value).pk for value in locales]
    # The home page of a locale is the top of its tree (depth 2, right under Wagtail's root).
    for root in Page.objects.filter(depth=2, locale_id__in=locale_ids):
        for permission in page_permissions:
            GroupPagePermission.objects.create(group=group, page=root, permission=permission)

    GroupCollectionPermission.objects.filter(group=group).delete()
    root_collection = Collection.get_first_root_node()
    for dotted in TRANSLATOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.create(
            group=group, collection=root_collection, permission=_permission(dotted)
        )
    return group
