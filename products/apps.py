from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductsConfig(AppConfig):
    name = "products"
    verbose_name = _("Products")

    def ready(self):
        from storefront import page_cache, routing

        from . import cache
        from .backoffice.page_form import ProductPageForm
        from .models import ProductPage

        cache.connect()
        page_cache.connect()
        routing.connect()
        # The page form writes through products.services, which imports the models: attached here, not there.
        ProductPage.base_form_class = ProductPageForm
