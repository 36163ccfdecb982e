"""`/health/`: whether this instance can serve, for the load balancer and the monitoring.

The database is required: without it the answer is 503 and the balancer takes the instance out. The cache
(Redis) is not: without it the shop still serves (cache misses, sessions read from the database), so the
answer stays 200 with `"status": "degraded"` for the monitoring to alert on. The Celery broker is not
checked here: orders are kept while it is down and their emails are caught up later.
"""

import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

OK, UNAVAILABLE = "ok", "unavailable"


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


@never_cache
@require_GET
def health(request):
    checks = {"database": database_state(), "cache": cache_state()}
    if checks["database"] != OK:
        status, code = "unavailable", 503
    elif any(state != OK for state in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
