"""The admin's "Shop" menu is one submenu that every app's back office adds its entries to.

An app's viewset sets `menu_hook = SHOP_MENU_HOOK` (or a Wagtail hook of that name returns a `MenuItem`), and
`checkout`'s `ShopViewSetGroup` collects them: the apps below checkout join the menu without importing it.
"""

SHOP_MENU_HOOK = "register_shop_menu_item"
