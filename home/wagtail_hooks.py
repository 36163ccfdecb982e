"""Registers the home app's back office (`home.backoffice`) with Wagtail: the translators' "Translation status"
view (in the translators' menu, `storefront.admin_menu`), and the per-locale guard on the cart page content
(see `home.permissions`)."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks

from home.backoffice.views import translation_status_menu_item, translation_status_urls
from home.permissions import user_can_edit_in_locale
from storefront.admin_menu import TRANSLATORS_MENU_HOOK

hooks.register("register_admin_urls", translation_status_urls)
hooks.register(TRANSLATORS_MENU_HOOK, translation_status_menu_item)


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
