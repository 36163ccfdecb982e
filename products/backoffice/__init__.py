"""The catalog's back office in the Wagtail admin: the product listing with its filters and bulk actions, the
product chooser of product pages, the product form, and the spreadsheet import and export. Every change of a
price, stock or "for sale" made here goes through `products.services`. Registered by `products/wagtail_hooks.py`."""
