"""Demo shop for local development: content (en/es/ru), generated images, groups and the loaders.

`manage.py load_demo_data` is the only entry point; the modules here hold the data and the steps it runs.
"""
