"""Refunds: money given back, by a shop manager (whole orders or chosen lines, restocking as they choose),
automatically when a payment cannot be applied (make-good), or in the provider's dashboard (seen through its
events). Every refund is a `Refund` row giving back from one `Payment`; the order's refunded amount can never
pass what was paid."""
