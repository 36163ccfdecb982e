"""Customer accounts: sign up, in and out with django-allauth, and what a signed-in customer has of their own.

- `adapter`      allauth's hooks: emails in the customer's language, shoppers never staff.
- `models`       the profile (preferred language), saved addresses, the saved cart, `Customer` for the admin.
- `orders`       guest orders attached to their owner once the email is verified; the customer's order list.
- `carts`        the cart kept in the database for signed-in customers and merged into the session on sign-in.
- `directory`    what checkout may ask about a signed-in customer (`settings.CUSTOMER_DIRECTORY`).
- `privacy`      the customer's data as JSON, and deleting the account (orders kept, anonymized).
- `views`, `urls` the account pages under /<lang>/account/, never cached.
- `backoffice`   the admin's customers (registered by `wagtail_hooks`).

A layer above checkout and cart (`pyproject.toml`): they never import it.
"""
