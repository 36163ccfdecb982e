from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    name = "products"
    verbose_name = _("Products")

    def ready(self):
        from storefront import page_cache, routing

        from . import cache

        cache.connect()
        page_cache.connect()
        routing.connect()
