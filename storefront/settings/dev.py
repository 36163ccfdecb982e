"""Development: `make run`. SQLite, eager Celery, emails in a folder, no Stripe keys needed."""

import os

from .base import *  # noqa: F403
from .base import env, machine_translator_config

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-3b9f0c7e2a")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
STRIPE_OFFLINE_ALLOWED = True
# Without Stripe keys, the local test-card page takes the payments (as `make run` always did).
PAYMENT_PROVIDER = STRIPE_PAYMENTS if STRIPE_SECRET_KEY else TEST_CARD_PAYMENTS  # noqa: F405
PAYMENT_PROVIDERS = [STRIPE_PAYMENTS, TEST_CARD_PAYMENTS]  # noqa: F405
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_config(os.environ, development=True)
