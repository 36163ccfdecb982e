"""Search and reference indexing for content made in bulk.

Wagtail updates its search index and its reference index on every save, and building one translated page
saves it about ten times. The loaders build with both turned off and then index each object once.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.test.utils import override_settings
from modelsearch.conf import get_app_config
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def deferred_indexing():
    """Saves inside the block update neither index (search backends' AUTO_UPDATE off, reference index off)."""
    config = get_app_config()
    backends = {name: {**params, "AUTO_UPDATE": False} for name, params in config.get_search_backend_config().items()}
    with override_settings(**{config.backend_setting_name: backends}), disable_reference_index_auto_update():
        yield


def index_objects(objects, references=True):
    """Add `objects` to every auto-updated search backend (in bulk, per model) and to the reference index."""
    by_model = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(obj.pk)
    backends = list(get_search_backends(with_auto_update=True))
    for model, pks in by_model.items():
        indexed = list(model.get_indexed_objects().filter(pk__in=pks))
        for backend in backends:
            backend.add_bulk(model, indexed)
        if references:
            for obj in indexed:
                ReferenceIndex.create_or_update_for_object(obj)
