"""The checkout app's models, defined in its sub-packages (Django looks for them here).

`checkout.orders.models`: Order, OrderLine, OrderEvent. `checkout.payments.models`: PaymentEvent.
`checkout.invoices.models`: Invoice. Migration 0001 names `checkout.models.new_token`, so it stays importable here.
"""

from .invoices.models import Invoice
from .orders.models import InvalidTransition, Order, OrderEvent, OrderLine, new_token
from .payments.models import PaymentEvent

__all__ = ["InvalidTransition", "Invoice", "Order", "OrderEvent", "OrderLine", "PaymentEvent", "new_token"]
