"""`/health/`: 200 when the instance can serve, 503 without its database, "degraded" without its cache or
its broker."""

import socket
import time

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


# A broker nobody listens to (port 1 is closed).
UNREACHABLE_BROKER = "amqp://guest:guest@127.0.0.1:1//"


def test_a_healthy_instance_answers_ok(client, settings):
    settings.CELERY_BROKER_URL = ""  # development: tasks run in-process, no broker to check

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "not used"}}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.services
def test_with_the_machines_broker_the_broker_is_ok(client, settings):
    settings.CELERY_BROKER_URL = "amqp://guest:guest@127.0.0.1:5672//"

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_without_its_broker_the_instance_still_serves_but_says_degraded(client, settings):
    settings.CELERY_BROKER_URL = UNREACHABLE_BROKER

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "ok", "broker": "unavailable"},
    }


def test_a_broker_that_accepts_but_never_answers_is_given_up_on_at_its_timeout(client, settings):
    # A socket that listens (the kernel completes the TCP handshake) but never speaks AMQP
    with socket.create_server(("127.0.0.1", 0)) as silent:
        settings.CELERY_BROKER_URL = f"amqp://guest:guest@127.0.0.1:{silent.getsockname()[1]}//"
        settings.CELERY_BROKER_HEALTH_TIMEOUT = 0.5
        started = time.monotonic()
        response = client.get("/health/")
        elapsed = time.monotonic() - started

    assert response.json()["checks"]["broker"] == "unavailable"
    assert response.status_code == 200
    assert elapsed < 1.5


def test_without_its_database_the_instance_is_unavailable(client, monkeypatch):
    class BrokenCursor:
        """A connection that is refused, however the cursor is used (the ORM's way or `with`)."""

        def __enter__(self):
            raise OperationalError("connection refused")

        def __exit__(self, *exc_info):
            return False

        def execute(self, *args, **kwargs):
            raise OperationalError("connection refused")

        def close(self):
            pass

    monkeypatch.setattr(health.connection, "cursor", BrokenCursor)

    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"


def test_without_its_cache_the_instance_still_serves_but_says_degraded(client, settings):
    settings.CACHES = UNREACHABLE_REDIS
    settings.CELERY_BROKER_URL = ""

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable", "broker": "not used"},
    }


def test_only_get_is_answered(client):
    assert client.post("/health/").status_code == 405
