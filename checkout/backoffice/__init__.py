"""The shop managers' back office in the Wagtail admin: orders with their status actions and exports, the
refund form, the dashboard panels, shipping zones and methods, tax rates, and the "Bought together" report.
Registered by `checkout/wagtail_hooks.py`."""
