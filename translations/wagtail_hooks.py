"""The translators' menu ("Translations", `storefront.admin_menu.TRANSLATORS_MENU_HOOK`) with the interface strings
and the glossary, and their admin URLs."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from storefront.admin_menu import TRANSLATORS_MENU_HOOK
from translations.access import translation_locales
from translations.backoffice import glossary_views, views


@hooks.register("register_admin_urls")
def urls():
    return [
        path("interface-strings/", views.index, name="interface_strings"),
        path("interface-strings/<str:language_code>/", views.index, name="interface_strings"),
        path("interface-strings/<str:language_code>/export/", views.export, name="interface_strings_export"),
        path("interface-strings/<str:language_code>/import/", views.import_catalogue, name="interface_strings_import"),
        path("interface-strings/<str:language_code>/<str:key>/", views.edit, name="interface_string"),
        *glossary_views.urls(),
    ]


class TranslatorsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(translation_locales(request.user))


@hooks.register(TRANSLATORS_MENU_HOOK)
def interface_strings_menu_item():
    return TranslatorsMenuItem(_("Interface strings"), reverse("interface_strings"), icon_name="doc-full", order=20)


@hooks.register(TRANSLATORS_MENU_HOOK)
def glossary_menu_item():
    return TranslatorsMenuItem(_("Glossary"), reverse("glossary"), icon_name="list-ul", order=30)


@hooks.register("register_admin_menu_item")
def translators_menu():
    return SubmenuMenuItem(
        _("Translations"),
        Menu(register_hook_name=TRANSLATORS_MENU_HOOK),
        icon_name="wagtail-localize-language",
        name="translations",
        order=850,
    )
