"""The search backend is chosen by environment variables; the database one is the default."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection
from wagtail.search.backends import get_search_backend

from search.backend import MultilingualPostgresSearchBackend, SearchBackend

PRINT_BACKENDS = (
    "import json, storefront.settings.base as s; print(json.dumps(s.WAGTAILSEARCH_BACKENDS, sort_keys=True))"
)


def settings_with(**env):
    """WAGTAILSEARCH_BACKENDS as the settings compute them in a fresh process with these variables."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith("SEARCH_")}
    result = subprocess.run(
        [sys.executable, "-c", PRINT_BACKENDS],
        env={**clean, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_the_default_is_the_database_backend_with_a_configuration_per_language():
    result = settings_with()

    assert json.loads(result.stdout) == {
        "default": {
            "BACKEND": "search.backend",
            "LANGUAGE_CONFIGS": {"en": "english", "es": "spanish", "ru": "russian"},
            "SEARCH_CONFIG": "english",
        }
    }


@pytest.mark.parametrize("name", ["opensearch2", "opensearch3", "elasticsearch8", "elasticsearch9"])
def test_a_search_cluster_is_one_environment_variable_away(name):
    result = settings_with(SEARCH_BACKEND=name, SEARCH_URLS="https://search-1:9200,https://search-2:9200")

    assert json.loads(result.stdout) == {
        "default": {
            "BACKEND": f"wagtail.search.backends.{name}",
            "INDEX_PREFIX": "storefront_",
            "TIMEOUT": 5,
            "URLS": ["https://search-1:9200", "https://search-2:9200"],
        }
    }


def test_an_unknown_backend_stops_the_start_with_a_clear_message():
    result = settings_with(SEARCH_BACKEND="solr")

    assert result.returncode == 1
    assert "ImproperlyConfigured: SEARCH_BACKEND='solr': use 'database' or one of elasticsearch7" in result.stderr


@pytest.mark.django_db
def test_the_backend_module_gives_wagtails_database_backend_for_this_database():
    backend = get_search_backend()

    if connection.vendor == "postgresql":
        assert isinstance(backend, MultilingualPostgresSearchBackend)
    else:
        assert type(backend).__module__.startswith("modelsearch.backends.database.")
        assert type(backend) is type(SearchBackend({}))
