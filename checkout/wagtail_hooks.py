"""Admin hooks of the checkout app (the orders admin is merged in here)."""

from . import payments_admin  # noqa: F401
