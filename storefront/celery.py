"""The Celery app, configured from Django settings (`CELERY_*`).

Worker: `celery -A storefront worker -l info` (prefork pool; see the README for the pool choice).
Scheduler: `celery -A storefront beat -l info` (runs `CELERY_BEAT_SCHEDULE`, e.g. the expiry of unpaid orders).
"""

import os
import sys
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.dev")

PROJECT_ROOT = Path(__file__).resolve().parent.parent

app = Celery("storefront")

# Celery's Django fix-up puts the working directory first on sys.path, meaning the project root. Run from an
# app's folder (as `bin/messages.py` runs makemessages), that would let `cart/cart.py` shadow the `cart` package.
if sys.path and sys.path[0] == os.getcwd() and Path(os.getcwd()).resolve() != PROJECT_ROOT:
    sys.path[0] = str(PROJECT_ROOT)

app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
