"""The coupons' back office in the Wagtail admin, for shop managers: the coupon snippets with their form and
chooser, and the report of their uses. Registered by `coupons/wagtail_hooks.py`."""
