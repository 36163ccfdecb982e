"""Helpers for tests of the translators' workflow: a translator user and wagtail-localize translations."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import TestCase
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.translators import TRANSLATOR_COLLECTION_PERMISSIONS, TRANSLATOR_PAGE_PERMISSIONS, TRANSLATOR_PERMISSIONS
from products.tests import factories


def make_translator(username="tanya", locales=("es", "ru")):
    """A user in the Translators group, whose rights are the translator's for `locales` (language codes) only."""
    group, _created = Group.objects.get_or_create(name="Translators")
    translators_group(group, locales)
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw-translator-1")
    user.groups.add(group)
    return user


def translators_group(group, locales):
    """Give `group` exactly the translator's rights (`home.translators`) for `locales` (Locale objects or
    language codes), as an administrator does in the admin for a group of some locales' translators: the model
    permissions, the page permissions on each locale's home page, the collection ones on the root collection.
    Any page or collection permission the group had before is replaced."""
    group.permissions.set([_permission(dotted) for dotted in TRANSLATOR_PERMISSIONS])
    GroupPagePermission.objects.filter(group=group).delete()
    locale_ids = [(value if isinstance(value, Locale) else factories.locale(value)).pk for value in locales]
    for home in Page.objects.filter(depth=2, locale_id__in=locale_ids):
        for codename in TRANSLATOR_PAGE_PERMISSIONS:
            permission = _permission(f"wagtailcore.{codename}")
            GroupPagePermission.objects.create(group=group, page=home, permission=permission)
    GroupCollectionPermission.objects.filter(group=group).delete()
    for dotted in TRANSLATOR_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.create(
            group=group, collection=Collection.get_first_root_node(), permission=_permission(dotted)
        )
    return group


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def start_translation(page, code):
    """What "Translate this page" does: extract the source's segments and create the target page."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=factories.locale(code))
    publish_target(translation)
    return translation


def publish_target(translation, user=None):
    """Save and publish the target; wagtail-localize publishes on commit, which tests must run by hand."""
    with run_on_commit():
        translation.save_target(user=user, publish=True)


def run_on_commit():
    """Run the on-commit callbacks queued inside the block (the test's transaction never commits)."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def segment(translation, context_path):
    """The source's string segment at `context_path` (e.g. "title")."""
    return StringSegment.objects.select_related("string").get(source=translation.source, context__path=context_path)
