"""The "Translation status" admin view: one locale's pages and interface strings, 50 pages to a screen; its URLs
and menu entry, for users who may edit pages in some locale. Registered by `home/wagtail_hooks.py`."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.menu import MenuItem

from .translation_status import (
    PAGES_PER_SCREEN,
    catalogue_statuses,
    locales_for_user,
    page_statuses,
    source_pages,
)


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(locales_for_user(request.user))


def translation_status_menu_item():
    return TranslationStatusMenuItem(
        gettext_lazy("Translation status"),
        reverse("translation_status"),
        icon_name="wagtail-localize-language",
        order=850,
    )


def translation_status_urls():
    return [
        path("translation-status/", translation_status, name="translation_status"),
        path("translation-status/<str:language_code>/", translation_status, name="translation_status"),
    ]


def translation_status(request, language_code=None):
    """Shown to users who may edit pages in the locale (translators, editors); anyone else is refused."""
    locales = locales_for_user(request.user)
    if not locales:
        raise PermissionDenied
    if language_code is None:
        return redirect(reverse("translation_status", args=[locales[0].language_code]))
    locale = next((locale for locale in locales if locale.language_code == language_code), None)
    if locale is None:
        raise PermissionDenied
    screen = Paginator(source_pages(), PAGES_PER_SCREEN).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "home/translation_status/index.html",
        {
            "page_title": _("Translation status"),
            "locale": locale,
            "locales": locales,
            "screen": screen,
            "statuses": page_statuses(screen.object_list, locale),
            "catalogues": catalogue_statuses(locale.language_code),
        },
    )
