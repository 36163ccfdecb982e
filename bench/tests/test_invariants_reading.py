"""How `bench.invariants` reads what a load run leaves: the emails Django's file backend wrote, and the web logs."""

from django.core.mail import EmailMessage
from django.core.mail.backends.filebased import EmailBackend

from bench.invariants import requests_cut_from_the_database, sent_message_ids, server_error_causes


def test_each_message_id_is_counted_as_often_as_it_was_written(tmp_path):
    def message(message_id):
        return EmailMessage("Subject", "Body", to=["ana@example.com"], headers={"Message-ID": message_id})

    EmailBackend(file_path=str(tmp_path)).send_messages([message("<order-SF-000001.confirmation@x>")])
    EmailBackend(file_path=str(tmp_path)).send_messages(
        [message("<order-SF-000001.invoice@x>"), message("<order-SF-000001.confirmation@x>")]
    )

    assert sent_message_ids(tmp_path) == {"<order-SF-000001.confirmation@x>": 2, "<order-SF-000001.invoice@x>": 1}


WEB_LOG = """\
2026-12-07 19:51:04,355 ERROR django.request: Internal Server Error: /es/finalizar-compra/
Traceback (most recent call last):
psycopg.errors.AdminShutdown: terminating connection due to administrator command
django.db.utils.OperationalError: terminating connection due to administrator command
2026-12-07 19:51:04,360 INFO checkout.payments.settle: Order SF-000007 paid
2026-12-07 19:51:04,454 ERROR checkout.payments.webhooks: Stripe event not stored: database error
Traceback (most recent call last):
psycopg.OperationalError: consuming input failed: server closed the connection unexpectedly
2026-12-07 19:57:09,049 ERROR django.request: Internal Server Error: /ru/
Traceback (most recent call last):
  File "/work/home/templatetags/site_tags.py", line 159, in render
AttributeError: 'SafeString' object has no attribute 'filter_spec'
"""


def test_the_500s_of_requests_whose_connection_was_terminated_are_counted_apart(tmp_path):
    log = tmp_path / "web1.log"
    log.write_text(WEB_LOG)

    assert requests_cut_from_the_database([log]) == 2
    assert server_error_causes([log]) == {
        "django.db.utils.OperationalError: terminating connection due to administrator command": 1,
        "AttributeError: 'SafeString' object has no attribute 'filter_spec'": 1,
    }
