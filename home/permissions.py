"""Per-locale editing of translated snippets: a user edits the copies in the locales whose pages they edit.

Django's model permissions are not per locale: `home.change_cartpagecontent` opens every locale's copy of
`CartPageContent` (and `checkout.change_shippingmethod` every shipping method's). For the snippets named in
`settings.LOCALE_RESTRICTED_SNIPPETS` this module narrows it to the locales where the user may change some
page, so a translator with Russian pages translates the Russian copy but not the English source nor the
Spanish translation; an editor (page rights on every locale's home) and a superuser edit them all. The admin hooks in
`home.wagtail_hooks` enforce it on the snippet's edit and delete views, which wagtail-localize's translation
editor opens through; `TranslationEditorLocaleGuard` on the editor's own endpoints.
"""

import functools

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import Translation


@functools.cache
def locale_restricted_models() -> tuple:
    """The snippet models whose copies are edited per locale (`settings.LOCALE_RESTRICTED_SNIPPETS`, named by a
    setting so that home need not import the apps above it). Not `products.Product`: shop managers change
    products (price, stock) without any page permission, and its commercial fields are not translated anyway."""
    return tuple(apps.get_model(label) for label in settings.LOCALE_RESTRICTED_SNIPPETS)


# wagtail-localize's snippet API (its translation editor's chooser) lists every instance of any snippet model to
# any admin user, coupon codes included; the guard below lets it list only what the snippet's own screens would.
SNIPPET_API_VIEWS = {"wagtail_localize:snippets_api_listing", "wagtail_localize:snippets_api_detail"}


def editable_locales(user):
    """The locales, the default one included, in which `user` may change at least one page."""
    if user.is_active and user.is_superuser:
        return Locale.objects.all()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return Locale.objects.filter(pk__in=pages.values("locale_id"))


def user_can_edit_in_locale(user, instance):
    """Whether `user` may edit or delete `instance` as far as its locale goes (model permissions aside).

    Always true for a model that is not in `settings.LOCALE_RESTRICTED_SNIPPETS`.
    """
    if not isinstance(instance, locale_restricted_models()):
        return True
    return editable_locales(user).filter(pk=instance.locale_id).exists()


class TranslationEditorLocaleGuard:
    """Middleware: the same locale rule on wagtail-localize's translation-editor endpoints.

    Those endpoints (string and override edits, PO download and upload, machine translation, preview, stop)
    take a `translation_id` and check only the model permission for a snippet, so without this a Russian
    translator could stage strings in the Spanish copy. Pages are left to wagtail-localize, which checks
    the page's own permissions. Its snippet API, which checks nothing, needs a permission on the snippet's model.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in SNIPPET_API_VIEWS and request.user.is_authenticated:
            model = get_snippet_model_from_url_params(view_kwargs["app_label"], view_kwargs["model_name"])
            actions = ["add", "change", "delete", "view"]
            if not ModelPermissionPolicy(model).user_has_any_permission(request.user, actions):
                raise PermissionDenied
            return None
        if "translation_id" not in view_kwargs or match is None or "wagtail_localize" not in match.namespaces:
            return None
        if not request.user.is_authenticated:
            return None  # the view sends the visitor to the login page
        translation = (
            Translation.objects.select_related("source__specific_content_type")
            .filter(pk=view_kwargs["translation_id"])
            .first()
        )
        if translation is None:
            return None  # the view answers 404
        model = translation.source.specific_content_type.model_class()
        if model and issubclass(model, locale_restricted_models()):
            if not editable_locales(request.user).filter(pk=translation.target_locale_id).exists():
                raise PermissionDenied
        return None
