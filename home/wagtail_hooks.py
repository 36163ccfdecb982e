"""Admin entries of the home app: the translators' "Translation status" view, and the per-locale guard on the
cart page content (see `home.permissions`)."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.permissions import user_can_edit_in_locale
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


# Before wagtail-localize's own `before_edit_snippet` hook (order 0), which answers the edit view of a
# translation with its translation editor: the editor, its "Publish" and "Start Synced translation" all come
# through the snippet's edit view, so this one check covers them.
@hooks.register("before_edit_snippet", order=-100)
def deny_editing_in_other_locales(request, instance):
    if not user_can_edit_in_locale(request.user, instance):
        # The admin turns it into its usual denial: a redirect to the dashboard with a message (403 for XHR).
        raise PermissionDenied


@hooks.register("before_delete_snippet", order=-100)
def deny_deleting_in_other_locales(request, instances):
    if not all(user_can_edit_in_locale(request.user, instance) for instance in instances):
        raise PermissionDenied
