"""The catalog's back office in the Wagtail admin: the product and option snippets (`viewsets`), the product
listing with its filters and bulk actions, the product chooser of product pages, the product form, the wording of
commercial changes on a product's history, and the spreadsheet import and export. Every change of a
price, stock or "for sale" made here goes through `products.services`. Registered by `products/wagtail_hooks.py`."""
