"""`/health/`: 200 when the instance can serve, 503 without its database, "degraded" without its cache."""

import pytest
from django.db import OperationalError

from storefront import health

pytestmark = pytest.mark.django_db

# A Redis cache nobody listens to (port 1 is closed), configured like the shop's (errors ignored).
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2, "IGNORE_EXCEPTIONS": True},
    }
}


def test_a_healthy_instance_answers_ok(client):
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}
    assert "no-cache" in response.headers["Cache-Control"]


def test_without_its_database_the_instance_is_unavailable(client, monkeypatch):
    class BrokenCursor:
        def __enter__(self):
            raise OperationalError("connection refused")

        def __exit__(self, *exc_info):
            return False

    monkeypatch.setattr(health.connection, "cursor", BrokenCursor)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"


def test_without_its_cache_the_instance_still_serves_but_says_degraded(client, settings):
    settings.CACHES = UNREACHABLE_REDIS

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"database": "ok", "cache": "unavailable"}}


def test_only_get_is_answered(client):
    assert client.post("/health/").status_code == 405
