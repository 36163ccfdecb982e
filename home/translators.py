"""The Translators group: translate pages into their locales with wagtail-localize, and nothing more.

A translator gets add/edit/publish on the home page of each of their locales (so on that locale's whole
tree) and no page permission anywhere else: the English source stays out of reach, because
wagtail-localize opens its translation editor (and PO download/upload) only for users who `can_edit()`
the translated page, and publishes only for users who `can_publish()` it. No model permission on
`products.Product` (price, stock) or on `checkout` orders is ever granted. The one snippet shoppers see, the
cart page content, they may view and change, but only in their locales (`home.permissions`): the English
source and the other translators' locales stay out of reach.

`home.groups` grants these rights to the Translators group, for every translated locale; a group for some
locales only is granted the same rights by hand in the admin (Settings › Groups).
"""

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
    # The shop's interface strings (`translations`), in the same locales as their pages.
    "translations.change_stringoverride",
    "translations.view_stringoverride",
)
# A translation reviewer is a translator who also approves interface strings and keeps the glossary.
REVIEWER_PERMISSIONS = (
    "translations.review_stringoverride",
    "translations.add_glossaryterm",
    "translations.change_glossaryterm",
    "translations.delete_glossaryterm",
)
# Page permissions given on the home page of each of the translator's locales.
TRANSLATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
# Collection permissions given on the root collection (images are not translated, only chosen).
TRANSLATOR_COLLECTION_PERMISSIONS = ("wagtailimages.choose_image",)
