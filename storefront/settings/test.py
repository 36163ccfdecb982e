"""Test settings: the real services when their URLs are set, fast hashing, outgoing mail in memory."""

import re
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, CACHES, REDIS_URL, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-0d8b6c1f"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".test-media")
# The filesystem, whatever the environment says: the object storage test starts its own S3 and points at it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STRIPE_OFFLINE_ALLOWED = True
# A seller VAT number, as every shop issuing e-invoices has (`checkout.invoices.einvoice` requires one).
SELLER_TAX_ID = "ESB00000000"
# Without Stripe keys, the local test-card page takes the payments (as `make run` always did).
PAYMENT_PROVIDER = STRIPE_PAYMENTS if STRIPE_SECRET_KEY else TEST_CARD_PAYMENTS  # noqa: F405
PAYMENT_PROVIDERS = [STRIPE_PAYMENTS, TEST_CARD_PAYMENTS]  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Tasks run in-process even when CELERY_BROKER_URL is set, so no test leaves messages on the shared broker;
# the integration test that needs a real worker turns this off for itself.
CELERY_TASK_ALWAYS_EAGER = True
# The full-page cache serves and stores pages only in the tests about it and in the browser journeys (which turn
# it on): elsewhere a test's publish is never committed, so its purge would never run. Headers are decided as ever.
PAGE_CACHE_ENABLED = False

# Parallel test workers (pytest-xdist) each get their own Redis database, counted from the one REDIS_URL names
# (`make test`: 14 and 15), so one worker's cache.clear() never wipes another's cache, throttle counters or
# recommendations, and a second checkout testing on this machine with another base database stays apart.
_WORKER = env.str("PYTEST_XDIST_WORKER", default="")
if REDIS_URL and _WORKER:
    _base = re.search(r"/(\d+)$", REDIS_URL)
    REDIS_URL = (
        re.sub(r"/\d+$", "", REDIS_URL) + f"/{(int(_base[1]) if _base else 0) + int(_WORKER.removeprefix('gw'))}"
    )
    CACHES["default"]["LOCATION"] = REDIS_URL
# ... and their own media folder: each worker removes its folder when its session ends (root conftest.py),
# which must not pull the pictures from under a worker still running.
if _WORKER:
    MEDIA_ROOT = Path(MEDIA_ROOT) / _WORKER
