"""Health probes for the load balancer, the orchestrator and the monitoring.

- `/health/live/` (liveness): this process answers. It asks nothing of the database, the cache or the broker, so
  an outage of theirs never gets a healthy process restarted; only a process that no longer answers fails it.
- `/health/ready/` (readiness): whether this instance can serve. The database is required: without it the
  answer is 503 and the balancer drains the instance. The cache (Redis) and the Celery broker (RabbitMQ) are
  not: without the cache the shop still serves (cache misses, sessions read from the database), without the
  broker orders are still kept and their emails are caught up later (`checkout.tasks.catch_up_emails`); so the
  answer stays 200 with `"status": "degraded"` for the monitoring to alert on. Without a broker configured
  (development: tasks run in-process) the broker is "not used", which is fine.
- `/health/`: the readiness probe under its first address, kept for the balancers already pointing at it.

`ProbeMiddleware` answers them before the rest of the middleware: a balancer asks each instance by its own
address (not a host name in `ALLOWED_HOSTS`) over plain HTTP (no HTTPS redirect), and a probe must not read a
session, the cached site or the database on the way. The URL patterns name the same views.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection
from kombu.exceptions import OperationalError as KombuOperationalError

logger = logging.getLogger(__name__)

OK, UNAVAILABLE, NOT_USED = "ok", "unavailable", "not used"


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return UNAVAILABLE
    return OK


def cache_state() -> str:
    """Write a random value and read it back: the Redis cache ignores its errors, so a failure reads as a miss."""
    key, value = f"health:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    answer = cache.get(key)
    cache.delete(key)
    if answer != value:
        logger.error("Health check: the cache does not keep what it is given")
        return UNAVAILABLE
    return OK


def broker_state() -> str:
    """Open (and close) a connection to the Celery broker, within `CELERY_BROKER_HEALTH_TIMEOUT` seconds."""
    if not settings.CELERY_BROKER_URL:
        return NOT_USED
    timeout = settings.CELERY_BROKER_HEALTH_TIMEOUT
    with Connection(settings.CELERY_BROKER_URL, connect_timeout=timeout) as conn:
        try:
            conn.ensure_connection(max_retries=0)  # one attempt, no pause before a retry
        # kombu raises refused and timed-out connections as its OperationalError; a refused login is AMQP's own.
        except (KombuOperationalError, *conn.connection_errors, *conn.channel_errors) as error:
            logger.error("Health check: the broker does not answer: %s", error)
            return UNAVAILABLE
    return OK


@never_cache
@require_GET
def ready(request):
    """Readiness: 503 without the database, 200 "degraded" without the cache or the broker, else 200 "ok"."""
    checks = {"database": database_state(), "cache": cache_state(), "broker": broker_state()}
    if checks["database"] != OK:
        status, code = "unavailable", 503
    elif any(state not in {OK, NOT_USED} for state in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)


# `/health/`, as it always answered: the readiness probe.
health = ready


@never_cache
@require_GET
def live(request):
    """Liveness: the process answers; nothing else is asked."""
    return JsonResponse({"status": "ok"})


PROBES = {"/health/": health, "/health/ready/": ready, "/health/live/": live}


class ProbeMiddleware:
    """Answers the health probes ahead of the host check, the HTTPS redirect, sessions and the site lookup."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        return probe(request) if probe else self.get_response(request)
