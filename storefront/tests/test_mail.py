"""storefront.mail: a whole SMTP send has a deadline however slowly the server trickles; stable Message-IDs."""

import time

import pytest
from django.core.mail import EmailMessage, get_connection

from storefront.mail import EmailBackend, SendDeadlineExceeded, message_id

from .smtp_server import SMTPTestServer


def backend(server, deadline, **kwargs):
    # EMAIL_TIMEOUT (each read) is far longer than the deadline: only the deadline can stop a trickle.
    return get_connection(
        "storefront.mail.EmailBackend", host="127.0.0.1", port=server.port, timeout=20, deadline=deadline, **kwargs
    )


def message():
    return EmailMessage(
        "Hello", "Body", "shop@example.com", ["ana@example.com"], headers={"Message-ID": "<order-SF-1.test@x>"}
    )


def test_a_server_that_answers_receives_the_message_with_its_message_id():
    with SMTPTestServer() as server:
        sent = backend(server, deadline=5).send_messages([message()])

    (received,) = server.messages
    assert sent == 1
    assert b"Message-ID: <order-SF-1.test@x>\r\n" in received
    assert b"Subject: Hello\r\n" in received


@pytest.mark.parametrize("stage", ["greeting", "data"])
def test_a_server_that_trickles_its_reply_is_cut_off_at_the_deadline(stage):
    with SMTPTestServer(trickle_at=stage) as server:
        started = time.monotonic()
        with pytest.raises(SendDeadlineExceeded) as raised:
            backend(server, deadline=1).send_messages([message()])
        elapsed = time.monotonic() - started

    assert str(raised.value) == f"The mail server 127.0.0.1:{server.port} took more than 1 s in total"
    assert server.trickling.is_set()
    assert 1 <= elapsed < 2
    # A TimeoutError is an OSError: the email tasks retry it like any network error.
    assert isinstance(raised.value, OSError)


def test_the_deadline_is_a_setting(settings):
    settings.EMAIL_SEND_DEADLINE = 7.5

    assert EmailBackend().deadline == 7.5


def test_the_default_deadline_is_thirty_seconds_and_longer_than_one_read(settings):
    from storefront.settings import base

    assert (base.EMAIL_SEND_DEADLINE, base.EMAIL_TIMEOUT) == (30, 20)


def test_the_message_id_names_the_reference_and_the_kind(settings):
    settings.EMAIL_MESSAGE_ID_DOMAIN = "shop.example.com"

    assert message_id("order-SF-000042", "confirmation") == "<order-SF-000042.confirmation@shop.example.com>"


def test_the_message_id_domain_defaults_to_the_sender_address_domain():
    from storefront.settings import base

    assert base.DEFAULT_FROM_EMAIL == "My Shop <shop@example.com>"
    assert base.EMAIL_MESSAGE_ID_DOMAIN == "example.com"


def test_time_limits_outlast_the_send_deadline_and_claims_outlast_the_tasks():
    from storefront.settings import base

    assert (base.CELERY_TASK_SOFT_TIME_LIMIT, base.CELERY_TASK_TIME_LIMIT, base.EMAIL_CLAIM_SECONDS) == (120, 180, 240)
    assert base.EMAIL_SEND_DEADLINE < base.CELERY_TASK_SOFT_TIME_LIMIT < base.CELERY_TASK_TIME_LIMIT
    assert base.CELERY_TASK_TIME_LIMIT < base.EMAIL_CLAIM_SECONDS
