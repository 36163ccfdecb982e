"""Settings of Celery: the broker, how tasks run and fail, their time limits, and the periodic tasks. Part of
`base`."""

from datetime import timedelta

from celery.schedules import crontab

from .environment import env

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
# The queue tasks go to and workers read by default (tests use a queue of their own).
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Seconds `/health/` waits for the broker to accept a connection before calling it unavailable.
CELERY_BROKER_HEALTH_TIMEOUT = env.float("CELERY_BROKER_HEALTH_TIMEOUT", default=1.0)
# Without a broker (as under `make run`) tasks run in-process, right after the transaction commits.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Every task has a soft limit (SoftTimeLimitExceeded is raised in it, so it can clean up) and a hard one (the
# worker process is killed). The longest task renders an invoice PDF and sends it within EMAIL_SEND_DEADLINE.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
# An email claimed longer ago than this belongs to a task that is no longer running (its hard time limit is
# shorter), so a retry may take the claim over and send (storefront/mail.py).
EMAIL_CLAIM_SECONDS = CELERY_TASK_TIME_LIMIT + 60
CELERY_BEAT_SCHEDULE = {
    "expire-unpaid-orders": {
        "task": "checkout.tasks.expire_unpaid_orders",
        "schedule": timedelta(minutes=5),
    },
    "catch-up-emails": {
        "task": "checkout.tasks.catch_up_emails",
        "schedule": timedelta(minutes=10),
    },
    # A sale's start or end changes prices without a save: the cached pages of those products go (products.cache).
    "purge-sale-edges": {
        "task": "products.tasks.purge_sale_edges",
        "schedule": timedelta(minutes=1),
    },
    # The European Central Bank publishes its reference rates around 16:00 CET on working days (markets.rates).
    "fetch-exchange-rates": {
        "task": "markets.fetch_exchange_rates",
        "schedule": crontab(hour=15, minute=30),
    },
    # Searches are counted in Redis (search/hits.py) and written to the "popular searches" report from there.
    "flush-search-hits": {
        "task": "search.tasks.flush_search_hits",
        "schedule": timedelta(minutes=1),
    },
}
# Emails whose task never ran (broker down at commit, retries exhausted) are queued again by
# `catch_up_emails`, once the original task had this long to run, for orders up to this many days old.
EMAIL_CATCH_UP_AFTER_SECONDS = env.int("EMAIL_CATCH_UP_AFTER_SECONDS", default=10 * 60)
EMAIL_CATCH_UP_DAYS = 7
# The shop managers are alerted once the fetched exchange rates are this old (markets.alerts).
RATES_STALE_AFTER = timedelta(hours=env.int("RATES_STALE_AFTER_HOURS", default=48))
