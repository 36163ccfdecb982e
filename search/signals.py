"""Keep product pages' index entries true when something they index from elsewhere changes.

Wagtail re-indexes a page when the page itself is saved. A product page also indexes its product's and variants'
SKUs and its category's title, so it is re-indexed here when the product or one of its variants is saved, when
its category's title changes (on publish, in whatever locale) and when it is moved to another category.
"""

from django.db.models.signals import post_save, pre_save
from wagtail.signals import post_page_move

from products.models import Product, ProductIndexPage, ProductPage, ProductVariant

from .tasks import reindex_product_pages


def _reindex(page_ids):
    page_ids = list(page_ids)
    if page_ids:
        reindex_product_pages.enqueue(page_ids)


def product_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # Stock and price updates (update_fields without the SKU) change nothing the pages index.
    if not raw and (update_fields is None or "sku" in update_fields):
        _reindex(ProductPage.objects.filter(product=instance).values_list("pk", flat=True))


def variant_saved(sender, instance, raw=False, **kwargs):
    # A variant's SKU is indexed on its product's pages (a new variant, or a changed SKU).
    if not raw:
        _reindex(ProductPage.objects.filter(product_id=instance.product_id).values_list("pk", flat=True))


def category_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or (update_fields is not None and "title" not in update_fields):
        return
    old_title = ProductIndexPage.objects.filter(pk=instance.pk).values_list("title", flat=True).first()
    instance._search_title_changed = old_title is not None and old_title != instance.title


def category_saved(sender, instance, raw=False, **kwargs):
    if getattr(instance, "_search_title_changed", False):
        instance._search_title_changed = False
        _reindex(ProductPage.objects.descendant_of(instance).values_list("pk", flat=True))


def product_page_moved(sender, instance, **kwargs):
    _reindex([instance.pk])


def connect():
    post_save.connect(product_saved, sender=Product, dispatch_uid="search.product_saved")
    post_save.connect(variant_saved, sender=ProductVariant, dispatch_uid="search.variant_saved")
    pre_save.connect(category_saving, sender=ProductIndexPage, dispatch_uid="search.category_saving")
    post_save.connect(category_saved, sender=ProductIndexPage, dispatch_uid="search.category_saved")
    post_page_move.connect(product_page_moved, sender=ProductPage, dispatch_uid="search.product_page_moved")
