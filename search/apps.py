from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from storefront import page_cache

        from . import hits, signals

        signals.connect()
        page_cache.on_copy_served(hits.count_cached_copy)
