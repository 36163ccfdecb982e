"""Admin entries of the home app: the translators' "Translation status" view."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.translation_status import locales_for_user
from home.translation_status_views import translation_status


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(locales_for_user(request.user))


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return [
        path("translation-status/", translation_status, name="translation_status"),
        path("translation-status/<str:language_code>/", translation_status, name="translation_status"),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"), reverse("translation_status"), icon_name="wagtail-localize-language", order=850
    )
