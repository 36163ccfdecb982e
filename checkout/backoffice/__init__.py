"""The shop managers' back office in the Wagtail admin: orders with their status actions and exports, the
dashboard panels, and the "Bought together" report. Registered by `checkout/wagtail_hooks.py`."""
