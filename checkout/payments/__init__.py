"""Payments: taking an order's money, one `Payment` row per attempt, through a provider behind one protocol.

- `providers/`  the protocol (`base`), Stripe Checkout (`stripe`, the only module that imports `stripe` or knows
                its names), the local test-card page (`offline`), a zero total (`free`); chosen by settings.
- `start`       "Pay now": a new attempt, the previous session closed, the shopper sent to the provider's page.
- `settle`      `mark_paid`, the one way an order becomes paid (webhook, the shopper's return, a new attempt
                finding the previous one paid), and the end of a session that failed or expired.
- `events`      a provider's events, stored once each, then acted on (paid, failed, expired, refunds, disputes).
- `webhooks`, `views`, `test_card`, `paths`: the provider's webhook, the shopper's pages, the test-card page.
"""
