"""The health probes: readiness (`/health/ready/`, and `/health/` as before) is 200 when the instance can serve,
503 without its database, "degraded" without its cache or its broker; liveness (`/health/live/`) is 200 whatever
the database, the cache and the broker do, since it asks none of them."""

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

# The readiness probe under both its addresses: the first one is kept for the balancers already pointing at it.
READINESS = pytest.mark.parametrize("probe", ["/health/", "/health/ready/"])


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


@READINESS
def test_a_healthy_instance_answers_ok(probe, client, settings):
    settings.CELERY_BROKER_URL = ""  # development: tasks run in-process, no broker to check

    response = client.get(probe)

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "broker": "not used"}}
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.services
@READINESS
def test_with_the_machines_broker_the_broker_is_ok(probe, client, settings):
    settings.CELERY_BROKER_URL = "amqp://guest:guest@127.0.0.1:5672//"

    response = client.get(probe)

    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


@READINESS
def test_without_its_broker_the_instance_still_serves_but_says_degraded(probe, client, settings):
    settings.CELERY_BROKER_URL = UNREACHABLE_BROKER

    response = client.get(probe)

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "ok", "broker": "unavailable"},
    }


@READINESS
def test_a_broker_that_accepts_but_never_answers_is_given_up_on_at_its_timeout(probe, client, settings):
    # A socket that listens (the kernel completes the TCP handshake) but never speaks AMQP
    with socket.create_server(("127.0.0.1", 0)) as silent:
        settings.CELERY_BROKER_URL = f"amqp://guest:guest@127.0.0.1:{silent.getsockname()[1]}//"
        settings.CELERY_BROKER_HEALTH_TIMEOUT = 0.5
        started = time.monotonic()
        response = client.get(probe)
        elapsed = time.monotonic() - started

    assert response.json()["checks"]["broker"] == "unavailable"
    assert response.status_code == 200
    assert elapsed < 1.5


@READINESS
def test_without_its_database_the_instance_is_unavailable(probe, client, monkeypatch):
    monkeypatch.setattr(health.connection, "cursor", BrokenCursor)

    response = client.get(probe)

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"


@READINESS
def test_without_its_cache_the_instance_still_serves_but_says_degraded(probe, client, settings):
    settings.CACHES = UNREACHABLE_REDIS
    settings.CELERY_BROKER_URL = ""

    response = client.get(probe)

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable", "broker": "not used"},
    }


@pytest.mark.parametrize("probe", ["/health/", "/health/ready/", "/health/live/"])
def test_only_get_is_answered(client, probe):
    assert client.post(probe).status_code == 405


def test_a_live_process_answers_ok_without_asking_anything_else(client, settings, django_assert_num_queries):
    settings.CELERY_BROKER_URL = UNREACHABLE_BROKER
    settings.CACHES = UNREACHABLE_REDIS

    with django_assert_num_queries(0):
        response = client.get("/health/live/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_without_its_database_a_process_is_still_alive_but_not_ready(client, monkeypatch):
    monkeypatch.setattr(health.connection, "cursor", BrokenCursor)

    live = client.get("/health/live/")
    ready = client.get("/health/ready/")

    assert (live.status_code, ready.status_code) == (200, 503)
    assert ready.json()["checks"]["database"] == "unavailable"


@pytest.mark.parametrize("probe", ["/health/", "/health/ready/", "/health/live/"])
def test_a_balancer_probes_by_the_instances_address_over_plain_http(client, settings, probe):
    # Production redirects plain HTTP to HTTPS and answers only its host names; the balancer asks 10.0.0.5:8000.
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["shop.example.com"]
    settings.CELERY_BROKER_URL = ""

    response = client.get(probe, HTTP_HOST="10.0.0.5:8000")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


def test_every_other_address_still_needs_an_allowed_host(client, settings):
    settings.ALLOWED_HOSTS = ["shop.example.com"]

    assert client.get("/robots.txt", HTTP_HOST="10.0.0.5:8000").status_code == 400
