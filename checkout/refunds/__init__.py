"""Refunds: money given back, by a shop manager (whole orders or chosen lines, restocking as they choose),
automatically when a payment cannot be applied (make-good), or in Stripe's dashboard (seen through its
events). Every refund is a `Refund` row; the order's refunded amount can never pass what was paid."""
