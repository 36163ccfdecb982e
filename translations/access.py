"""Who may translate and review interface strings, and in which languages: the locales whose pages they may
edit (`home.permissions.editable_locales`, the same per-locale rights as for pages), the default one aside."""

from django.core.exceptions import PermissionDenied
from wagtail.models import Locale

from home.permissions import editable_locales

TRANSLATE_PERMISSION = "translations.change_stringoverride"
REVIEW_PERMISSION = "translations.review_stringoverride"


def translation_locales(user) -> list:
    """The non-default locales in which `user` may translate interface strings."""
    if not user.is_active or not user.has_perm(TRANSLATE_PERMISSION):
        return []
    return list(editable_locales(user).exclude(pk=Locale.get_default().pk).order_by("language_code"))


def locale_or_deny(user, language_code):
    """The locale `language_code` if `user` may translate in it, else PermissionDenied (as for any other)."""
    locale = next((loc for loc in translation_locales(user) if loc.language_code == language_code), None)
    if locale is None:
        raise PermissionDenied
    return locale


def may_review(user, language_code) -> bool:
    """A reviewer of the language: the review permission, and the right to translate in that locale."""
    return user.has_perm(REVIEW_PERMISSION) and any(
        loc.language_code == language_code for loc in translation_locales(user)
    )
