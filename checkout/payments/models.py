"""Payments: one row per attempt to take money for an order, and the provider events the shop received.

A `Payment` holds what the provider knows the attempt by (its session, its payment, the charge), what it was for
(amount and currency) and how far it got (`Payment.Status`). The order itself knows nothing of providers: it
lists its attempts as `order.payments`. A `PaymentEvent` is one provider event, stored once by its id, with what
processing it did and the payment it concerned.
"""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from checkout.orders.models import Order
from checkout.refunds.models import Refund

from . import providers
from .errors import PaymentError, PaymentUnavailable
from .providers import RefundAnswer


class PaymentQuerySet(models.QuerySet):
    def current(self) -> "Payment | None":
        """The newest attempt that opened a session (the page the shopper was last sent to), or None."""
        return self.exclude(session_id="").order_by("-created_at", "-pk").first()

    def taken(self):
        """Attempts that took money (refunded since or not)."""
        return self.filter(status__in=Payment.TAKEN)

    def paying(self) -> "Payment | None":
        """The attempt that paid the order: money taken and applied (not one given back automatically because the
        order could not take it), or None."""
        return self.taken().exclude(refunds__kind=Refund.Kind.AUTOMATIC).order_by("created_at", "pk").first()


class Payment(models.Model):
    """One attempt to take money for an order through one provider, with the provider's references.

    Created when the shopper presses "Pay now" (status created, then pending once the provider opened its page),
    moved by `checkout.payments.settle` (succeeded, failed, cancelled) and by refunds (partially refunded,
    refunded). Changed only under its order's row lock, so the webhook, the success page and a new attempt
    serialise on the order as before.
    """

    class Status(models.TextChoices):
        CREATED = "created", _("Created")
        PENDING = "pending", _("Waiting for the customer")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")
        PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")

    # Statuses in which the attempt took money.
    TAKEN = frozenset({Status.SUCCEEDED, Status.PARTIALLY_REFUNDED, Status.REFUNDED})
    # Statuses of an attempt the shopper may still complete.
    OPEN = frozenset({Status.CREATED, Status.PENDING})

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(_("provider"), max_length=32)
    session_id = models.CharField(_("session"), max_length=255, blank=True, db_index=True)
    payment_intent_id = models.CharField(_("payment"), max_length=255, blank=True, db_index=True)
    charge_id = models.CharField(_("charge"), max_length=255, blank=True)
    livemode = models.BooleanField(_("live mode"), default=False)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, default=Decimal("0"))
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.CREATED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    last_event_id = models.CharField(_("last provider event"), max_length=255, blank=True)
    last_event_at = models.DateTimeField(_("last provider event applied"), null=True, blank=True)

    objects = PaymentQuerySet.as_manager()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="payment_amount_not_negative"),
            models.UniqueConstraint(
                fields=["provider", "session_id"], condition=~Q(session_id=""), name="payment_one_row_per_session"
            ),
        ]

    def __str__(self):
        return f"{self.order.number}: {self.provider} {self.session_id or self.pk}"

    @property
    def dashboard_url(self) -> str:
        """This payment in its provider's dashboard, or '' where the provider has none."""
        provider = providers.named(self.provider)
        return provider.dashboard_url(self) if provider else ""

    def give_back(self, amount, currency: str, *, idempotency_key: str, reason: str, metadata: dict) -> RefundAnswer:
        """Ask this payment's provider to give back `amount` of it; its answer, a failed one when it refuses or
        does not answer. `checkout.refunds` calls this on a refund's payment: refunds sit below payments, so they
        reach the provider through the row they point at, never by importing it."""
        provider = providers.named(self.provider)
        if provider is None:
            return RefundAnswer(id="", status="failed", failure_reason=f"No payment provider {self.provider!r} here")
        try:
            return provider.refund(
                self, amount, currency, idempotency_key=idempotency_key, reason=reason, metadata=metadata
            )
        except PaymentUnavailable as error:
            return RefundAnswer(id="", status="failed", failure_reason=f"{provider.label} did not answer: {error}")
        except PaymentError as error:
            return RefundAnswer(id="", status="failed", failure_reason=str(error))

    def record_refunded(self, refunded) -> None:
        """`refunded` of this payment is given back in all (refunds on their way included): none (a refund that
        failed later), part or all of it."""
        if self.status in self.TAKEN:
            if refunded <= 0:
                self.status = self.Status.SUCCEEDED
            else:
                self.status = self.Status.REFUNDED if refunded >= self.amount else self.Status.PARTIALLY_REFUNDED
            self.save(update_fields=["status", "updated_at"])


class PaymentEvent(models.Model):
    """One provider event, stored once by (provider, event id), with what processing it did."""

    class Outcome(models.TextChoices):
        RECEIVED = "received", _("Received")
        PROCESSED = "processed", _("Processed")
        IGNORED = "ignored", _("Ignored")
        MISMATCH = "mismatch", _("Amount or currency mismatch")
        FAILED = "failed", _("Failed")

    provider = models.CharField(_("provider"), max_length=32)
    event_id = models.CharField(_("provider event"), max_length=255)
    type = models.CharField(_("type"), max_length=100)
    order = models.ForeignKey(
        Order, verbose_name=_("order"), null=True, blank=True, on_delete=models.SET_NULL, related_name="payment_events"
    )
    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    payload = models.JSONField(_("payload"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.RECEIVED)
    message = models.TextField(_("message"), blank=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment event")
        verbose_name_plural = _("payment events")
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="paymentevent_once_per_id")]

    def __str__(self):
        return f"{self.type} {self.event_id}"

    @property
    def provider_label(self) -> str:
        """The provider's name as people know it ("Stripe"), or its stored name for one this shop no longer has."""
        provider = providers.named(self.provider)
        return str(provider.label) if provider else self.provider
