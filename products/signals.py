"""Signals of the catalog, defined apart from the models so that every model module can send them."""

from django.dispatch import Signal

# Sent with `pks` (product pks) right after a queryset `update()` of products' or variants' price, stock or
# "for sale" (every stock change of `products.inventory`), which Django's `post_save` does not see;
# `products.cache` purges their pages.
products_changed = Signal()
