"""The admin's "Shop" and "Translations" menus.

The "Shop" menu is one submenu that every app's back office adds its entries to.

An app's viewset sets `menu_hook = SHOP_MENU_HOOK` (or a Wagtail hook of that name returns a `MenuItem`), and
`checkout`'s `ShopViewSetGroup` collects them: the apps below checkout join the menu without importing it.
"""

SHOP_MENU_HOOK = "register_shop_menu_item"

# The translators' own menu ("Translations"): `home`'s translation status and `translations`' screens register
# their `MenuItem` under this hook, and `translations.wagtail_hooks` gathers them into one submenu.
TRANSLATORS_MENU_HOOK = "register_translators_menu_item"
