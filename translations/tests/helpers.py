"""Shared by the translations tests: an entry of the Spanish catalogue, users, and saving as the admin does."""

from django.contrib.auth.models import Permission

from home.tests.localize_helpers import make_translator, run_on_commit
from translations import services
from translations.catalogue import entry_key, load_catalogue


def entry(msgid, language_code="es", msgctxt=""):
    return load_catalogue(language_code).by_key[entry_key(msgctxt, msgid)]


def make_reviewer(username="rita", locales=("es",)):
    user = make_translator(username, locales)
    user.user_permissions.add(Permission.objects.get(codename="review_stringoverride"))
    return user


def save(msgid, forms, user=None, language_code="es", **kwargs):
    """Save an override and run what its commit triggers (the version bump, the purge)."""
    with run_on_commit():
        return services.save_override(language_code, entry(msgid, language_code), forms, user, **kwargs)
