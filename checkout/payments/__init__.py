"""Payments: Stripe Checkout sessions, `mark_paid` (the one way an order becomes paid), Stripe's webhook
events stored once each, the offline test-card page, and the payment events' admin."""
