"""Demo shop for local development: content (en/es/ru), generated images and the loaders.

The top layer: it builds the whole shop (home pages, categories, products, the cart page content, the staff
groups), so it may import every other app and no app imports it. `manage.py load_demo_data` is the only
entry point; the modules here hold the data and the steps it runs.
"""
