"""Helpers for tests of the translators' workflow: a translator user and wagtail-localize translations."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from home.translators import configure_translators_group
from products.tests import factories


def make_translator(username="tanya", locales=("es", "ru")):
    group, _created = Group.objects.get_or_create(name="Translators")
    configure_translators_group(group, locales)
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw-translator-1")
    user.groups.add(group)
    return user


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
