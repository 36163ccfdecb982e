"""What an order token looks like in a URL: the `<order_token:token>` converter of the order and payment pages.

A token is made by `secrets.token_urlsafe` (`models.new_token`): letters, digits, `-` and `_`, no longer than its
column. Anything else (a NUL byte, a dot, 3,000 characters) cannot be a token, so the URL does not match and the
shopper gets a 404 before any query runs; PostgreSQL would answer a NUL in a query with an error, a 500.
"""

from .models import Order

TOKEN_MAX_LENGTH = Order._meta.get_field("token").max_length


class OrderTokenConverter:
    """Registered as `order_token` by `CheckoutConfig.ready`, before any URL configuration is loaded."""

    regex = f"[A-Za-z0-9_-]{{1,{TOKEN_MAX_LENGTH}}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
