"""The home app's back office in the Wagtail admin: the translators' "Translation status" view and what it
computes (`translation_status`). Registered by `home/wagtail_hooks.py`."""
