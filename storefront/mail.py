"""Sending email without holding anything hostage: a total deadline per SMTP send, a claim instead of a row
lock, and a stable Message-ID.

- `EmailBackend` is Django's SMTP backend with a deadline for the whole conversation (connect, greeting, TLS,
  login, every message, QUIT): `EMAIL_TIMEOUT` bounds each socket read, so a server that trickles its reply
  one byte at a time would otherwise keep a send going for as long as it likes. When `EMAIL_SEND_DEADLINE`
  seconds have passed, a watchdog shuts the socket down and the send raises `SendDeadlineExceeded`.
- `send_once` sends an email at most once per row without locking the row while the mail server talks: the
  claim is one atomic `UPDATE … WHERE sent IS NULL AND (claim IS NULL OR claim is stale)`, the email goes out
  outside any transaction, and the sent timestamp is recorded after. A claim older than `EMAIL_CLAIM_SECONDS`
  (longer than a task may live: see the settings) belongs to a worker that died, and is taken over. Order
  confirmations and status emails, invoices, credit notes and refund notices all go out through it.
- `shop_managers_emails` is who gets what needs a person (order alerts, stale exchange rates).
- `message_id` makes the Message-ID of an email from what it is about (an order and a kind), so a message
  that goes out twice is recognisably the same message to mail clients.
"""

import logging
import smtplib
import socket
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail.backends import smtp
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)


class SendDeadlineExceeded(TimeoutError):
    """The mail server took longer than `EMAIL_SEND_DEADLINE` seconds in total; the send may be retried."""


class SendInProgress(Exception):
    """Another worker claimed this email moments ago and may be sending it right now: try again later."""


# --- A total deadline for an SMTP conversation ---------------------------------------------------------


class _Watchdog:
    """Shuts down the socket of `connection` (a `smtplib.SMTP`) once `seconds` have passed since `start()`."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.connection = None
        self.expired = False
        self._ends_at = None
        self._timer = None

    def start(self):
        self._ends_at = time.monotonic() + self.seconds
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def stop(self):
        if self._timer:
            self._timer.cancel()

    def remaining(self) -> float:
        return max(0.01, self._ends_at - time.monotonic())

    def _expire(self):
        self.expired = True
        sock = getattr(self.connection, "sock", None)
        if sock is not None:
            try:
                # The plain socket's shutdown, also under TLS: it wakes a read or write blocked in another thread.
                socket.socket.shutdown(sock, socket.SHUT_RDWR)
            except OSError:
                pass  # already closed: the conversation is over anyway


class EmailBackend(smtp.EmailBackend):
    """Django's SMTP backend, with `EMAIL_SEND_DEADLINE` seconds (or `deadline`) for a whole `send_messages`."""

    def __init__(self, *args, deadline: float | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.deadline = settings.EMAIL_SEND_DEADLINE if deadline is None else deadline
        self._watchdog = None

    @property
    def connection_class(self):
        base = super().connection_class
        watchdog = self._watchdog

        class WatchedSMTP(base):
            def _get_socket(self, host, port, timeout):
                # Connecting must fit in what is left too; the watchdog needs the socket to exist to stop it.
                timeout = min(timeout, watchdog.remaining()) if watchdog else timeout
                if watchdog:
                    watchdog.connection = self
                return super()._get_socket(host, port, timeout)

            def getreply(self):
                reply = super().getreply()
                if watchdog and watchdog.expired:
                    # The shut socket ends the reply early, and smtplib takes a cut "250-…" for a "250": a reply
                    # read while the deadline passed is not an answer.
                    raise smtplib.SMTPServerDisconnected("The send deadline passed while reading the reply")
                return reply

        return WatchedSMTP

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        watchdog = _Watchdog(self.deadline)
        self._watchdog = watchdog
        watchdog.start()
        try:
            return super().send_messages(email_messages)
        except (smtplib.SMTPException, OSError) as error:
            if watchdog.expired:
                raise SendDeadlineExceeded(
                    f"The mail server {self.host}:{self.port} took more than {self.deadline:g} s in total"
                ) from error
            raise
        finally:
            watchdog.stop()
            self._watchdog = None


# --- Send once: at most one sender per email, no row lock while sending ------------------------------------


def send_once(eligible, pk, *, sent_field: str, claimed_field: str, build, describe, stamp=()) -> bool:
    """Send the email of row `pk` unless it was sent already; True if this call sent it.

    `eligible` is a queryset of the rows that may get this email now (an order in the status the email tells,
    for instance); `sent_field` records that it went out and `claimed_field` that a sender is at it. `build(row)`
    makes the message (anything with `send()`), `describe(row)` names it in logs and errors ("Invoice 2026-000001",
    "Order SF-000042: its confirmation email"), and the fields of `stamp` (such as "updated_at") get the time it
    was recorded as sent.

    1. Claim: one atomic `UPDATE … SET claimed = now WHERE pk AND sent IS NULL AND (claimed IS NULL OR claimed is
       stale)`, so two concurrent senders cannot both win (on PostgreSQL the second waits for the first's
       statement, not for the email), and no row lock is held while the mail server talks.
    2. Send outside any transaction (within `EMAIL_SEND_DEADLINE` with `EmailBackend`). A failure of any kind,
       a task's time limit included, gives the claim back and raises, so that the retry sends.
    3. Record the sent time and drop the claim.

    Not claimed: False when there is nothing to send (the row is gone, was sent, or is no longer eligible);
    `SendInProgress` when another sender holds a fresh claim (the caller retries later, then finds it sent). A
    claim older than `EMAIL_CLAIM_SECONDS` belongs to a sender that died between claim and record, and is taken
    over: nothing is lost. The one window left is a sender that dies after the mail server stored the message and
    before the time is recorded; the email then goes out again, with the same Message-ID (`message_id`).
    """
    model = eligible.model
    this_row = eligible.filter(pk=pk)
    token = _claim(this_row, sent_field, claimed_field)
    if token is None:
        return _not_claimed(model, pk, this_row, sent_field, claimed_field, describe)
    try:
        row = model._default_manager.get(pk=pk)
        build(row).send()
    except BaseException:
        _release(model, pk, claimed_field, token)
        raise
    _record_sent(model, pk, sent_field, claimed_field, stamp)
    logger.info("%s sent", describe(row))
    return True


def _not_claimed(model, pk, this_row, sent_field: str, claimed_field: str, describe) -> bool:
    """Why the email could not be claimed: False when there is nothing to send, `SendInProgress` when another
    sender may be sending it now."""
    current = model._default_manager.filter(pk=pk).first()
    if current is None:
        logger.warning("%s #%s vanished before its email was sent", model._meta.object_name, pk)
        return False
    if sent_at := getattr(current, sent_field):
        logger.info("%s already sent at %s", describe(current), sent_at)
        return False
    if not this_row.exists():
        logger.warning("%s is not sent: the %s no longer calls for it", describe(current), model._meta.object_name)
        return False
    raise SendInProgress(f"{describe(current)} is being sent by another task since {getattr(current, claimed_field)}")


def _claim(this_row, sent_field: str, claimed_field: str):
    """Claim the email of the one row of `this_row` if unsent and unclaimed (or claimed long ago): the claim's
    timestamp (the token to release or record with), or None."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.EMAIL_CLAIM_SECONDS)
    free = Q(**{f"{claimed_field}__isnull": True}) | Q(**{f"{claimed_field}__lt": stale})
    updated = this_row.filter(free, **{f"{sent_field}__isnull": True}).update(**{claimed_field: now})
    return now if updated else None


def _release(model, pk, claimed_field: str, token) -> None:
    """Give up our claim (the send failed), so that the retry may send; another sender's claim is left alone."""
    model._default_manager.filter(pk=pk, **{claimed_field: token}).update(**{claimed_field: None})


def _record_sent(model, pk, sent_field: str, claimed_field: str, stamp=()) -> None:
    """Record that the email went out (and drop the claim); the fields of `stamp` get the same time."""
    now = timezone.now()
    model._default_manager.filter(pk=pk, **{f"{sent_field}__isnull": True}).update(
        **{sent_field: now, claimed_field: None}, **dict.fromkeys(stamp, now)
    )


# --- Message-ID -------------------------------------------------------------------------------------------


def message_id(reference: str, kind: str) -> str:
    """The Message-ID of the `kind` email about `reference`: '<order-SF-000042.confirmation@example.com>'.

    The same for every attempt, so a duplicate (README, "Emails never hold money hostage") is one message to a
    mail client.
    """
    return f"<{reference}.{kind}@{settings.EMAIL_MESSAGE_ID_DOMAIN}>"


def shop_managers_emails() -> list[str]:
    """Where alerts that need a person go: `SHOP_ALERTS_EMAIL` when set, else every active member of the shop
    managers' group with an address."""
    if settings.SHOP_ALERTS_EMAIL:
        return [settings.SHOP_ALERTS_EMAIL]
    managers = get_user_model().objects.filter(groups__name=settings.SHOP_MANAGERS_GROUP, is_active=True, email__gt="")
    return sorted(set(managers.values_list("email", flat=True)))
