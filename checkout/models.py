"""The checkout app's models, defined in its sub-packages (Django looks for them here).

`checkout.orders.models`: Order, OrderLine, OrderEvent, Alert. `checkout.payments.models`: Payment, PaymentEvent.
`checkout.invoices.models`: Invoice, CreditNote. `checkout.refunds.models`: Refund, RefundLine.
`checkout.shipping.models`: ShippingZone, ShippingMethod. `checkout.taxes.models`: TaxRate.
Migration 0001 names `checkout.models.new_token`, so it stays importable here.
"""

from .invoices.models import CreditNote, Invoice
from .orders.models import Alert, InvalidTransition, Order, OrderEvent, OrderLine, new_token
from .payments.models import Payment, PaymentEvent
from .refunds.models import Refund, RefundLine
from .shipping.models import ShippingMethod, ShippingZone
from .taxes.models import TaxRate

__all__ = [
    "Alert",
    "CreditNote",
    "InvalidTransition",
    "Invoice",
    "Order",
    "OrderEvent",
    "OrderLine",
    "Payment",
    "PaymentEvent",
    "Refund",
    "RefundLine",
    "ShippingMethod",
    "ShippingZone",
    "TaxRate",
    "new_token",
]
