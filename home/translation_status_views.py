"""The "Translation status" admin view: one locale's pages and interface strings, 50 pages to a screen."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from home.translation_status import (
    PAGES_PER_SCREEN,
    catalogue_statuses,
    locales_for_user,
    page_statuses,
    source_pages,
)


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
