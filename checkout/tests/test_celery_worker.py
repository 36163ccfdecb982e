"""Integration with real parts: a Celery worker process, RabbitMQ and PostgreSQL send the confirmation email.

The order is placed through the HTTP layer; the task goes to the broker after the commit (no eager mode
here) on a queue of this test's own, so the machine's other workers never see it; a real
`celery -A storefront worker` subprocess reads the same test database and writes the email to a folder.
"""

import contextlib
import email
import email.policy
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from checkout.models import Order
from products.tests.factories import variant_of
from storefront.celery import app as celery_app

from .factories import CUSTOMER

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STARTUP_SECONDS = 120
EMAIL_SECONDS = 30
# "solo" (default) or "prefork"; "gevent" once gevent is installed, to check the pool with psycopg 3.
POOL = os.environ.get("CELERY_TEST_POOL", "solo")


def database_url() -> str:
    """The URL of the test database this process uses, for the worker."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def publishing_to(queue: str):
    """Send tasks to the broker, on `queue`, for the duration; the test settings otherwise run them eagerly."""
    conf = celery_app.conf
    saved = conf.task_always_eager, conf.task_default_queue
    conf.task_always_eager, conf.task_default_queue = False, queue
    celery_app.__dict__.pop("amqp", None)  # queues and routes are built once from the configuration
    try:
        yield
    finally:
        conf.task_always_eager, conf.task_default_queue = saved
        celery_app.__dict__.pop("amqp", None)
        with contextlib.suppress(Exception), celery_app.connection_for_write() as broker:
            broker.default_channel.queue_delete(queue)


def start_worker(queue: str, mail_dir: Path, log_path: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storefront.settings.dev",
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": f"filemail:///{mail_dir}",  # four slashes: an absolute path for django-environ
        "REDIS_URL": "",
        "LOG_LEVEL": "INFO",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "storefront", "worker",
        f"--pool={POOL}", "--concurrency=1", f"--queues={queue}",
        f"--hostname={queue}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
    ]  # fmt: skip
    log = log_path.open("wb")
    return subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for(predicate, seconds: float, what: str, log_path: Path):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.25)
    pytest.fail(f"Timed out after {seconds} s waiting for {what}. Worker log:\n{log_path.read_text()[-4000:]}")


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)  # warm shutdown
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


def place_order_over_http(client, product) -> Order:
    client.post(reverse("cart:add"), {"variant": str(variant_of(product).pk), "quantity": "2"})
    page = client.get(reverse("checkout:checkout")).content.decode()
    key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    response = client.post(reverse("checkout:checkout"), {**CUSTOMER, "submission_key": key})
    assert response.status_code == 302
    return Order.objects.get()


@pytest.mark.postgres  # the worker process reads the orders this test commits
def test_a_real_worker_emails_the_confirmation_of_an_order_placed_over_http(client, shop, tmp_path):
    queue = f"test-orders-{uuid.uuid4().hex[:12]}"
    mail_dir, log_path = tmp_path / "mail", tmp_path / "worker.log"
    mail_dir.mkdir()

    with publishing_to(queue):
        worker = start_worker(queue, mail_dir, log_path)
        try:
            wait_for(lambda: b" ready." in log_path.read_bytes(), STARTUP_SECONDS, "the worker to start", log_path)

            order = place_order_over_http(client, shop["kettle"])

            files = wait_for(lambda: list(mail_dir.iterdir()), EMAIL_SECONDS, "the confirmation email", log_path)
            wait_for(lambda: Order.objects.get(pk=order.pk).confirmation_sent_at, 10, "the commit", log_path)
        finally:
            stop(worker)

    (sent,) = files
    message = email.message_from_bytes(sent.read_bytes().split(b"\n" + b"-" * 79)[0], policy=email.policy.default)
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert message["To"] == "ana@example.com"
    assert message["Subject"] == f"Your order {order.number} at My Shop"
    assert "2 × Kettle (KET-1) — $49.00" in text
    assert f"/en/checkout/order/{order.token}/" in html
    log = log_path.read_text()
    assert f"concurrency: 1 ({POOL})" in log
    assert "Task checkout.tasks.send_order_confirmation[" in log
    assert worker.returncode is not None
