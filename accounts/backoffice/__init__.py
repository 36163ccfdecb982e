"""The customers' back office in the Wagtail admin, for shop managers. Registered by `accounts/wagtail_hooks.py`."""
