"""Checkout: from a cart to a paid, invoiced and shipped order. One Django app (label `checkout`) in parts:

- `orders/`      the order: model and status machine (`Order.move_to`), placing, cancelling and shipping it
                 (`services`), the end of a stock reservation (`reservations`), the customer's emails, the
                 checkout and order pages, the session's pending order, paid orders as purchase history.
- `payments/`    becoming paid: a `Payment` per attempt, the providers behind one protocol (`providers/`:
                 Stripe Checkout, the only module that imports `stripe`, and the offline test-card page),
                 starting (`start`), `mark_paid` (`settle`), the providers' events (`events`, `webhooks`).
- `invoices/`    the invoice of a paid order and the credit notes of its refunds: two gap-free number series, the
                 PDFs (one look), their emails and downloads.
- `refunds/`     money given back: a shop manager's refund of an order or chosen units (`services`), automatic
                 make-good of payments that cannot be applied, refunds and disputes the provider tells us about.
- `backoffice/`  what shop managers see in the Wagtail admin: orders and their status actions, exports, the
                 refund form, the dashboard panels ("Needs attention", orders to ship, low stock), shipping
                 zones and methods, tax rates, the "Bought together" report.
- `customers.py` what checkout may ask about a signed-in customer (language, saved addresses), answered by the
                 class `settings.CUSTOMER_DIRECTORY` names (accounts, a higher app); guests need nothing.
- `shipping/`    zones (countries) and methods (price, free from, weight range, delivery estimate; names and
                 descriptions translated with wagtail-localize), what a cart may choose, the cart's weight.
- `taxes/`       tax rates per country and class, and the one computation of an order's money (discount spread
                 before tax, tax per line rounded half up, shipping, the breakdown per rate).
- `tasks.py`     every Celery task of the app; `models.py` gathers the sub-packages' models for Django.

Inside, imports go one way: entry points (views, admin, webhooks) → payments → orders' and refunds' services →
tasks → emails, reservations, alerts and invoices → shipping options and tax rates → the tax computation → models;
`pyproject.toml`'s import-linter contracts say so and `make test` checks them.
"""
