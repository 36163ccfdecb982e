"""The search app's back office in the Wagtail admin: the "Shopper searches" report. Registered by
`search/wagtail_hooks.py`."""
