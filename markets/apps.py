from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "markets"
    verbose_name = _("Markets")

    def ready(self):
        from storefront import page_cache

        from . import caching, resolution, signals

        signals.connect()
        # A cached page is one market's: its key carries the market (and the market's version, for purges); a
        # visitor without the cookie is placed by their Accept-Language, which caches in front must vary on.
        page_cache.vary_on(
            resolution.page_key_part,
            reads=(caching.REFS_KEY, caching.VERSIONS_KEY),
            headers=("Accept-Language",),
        )
