"""Payments become records: one `Payment` row per attempt to take money for an order.

The order's Stripe session, payment intent, live mode and attempt counter move into `Payment` rows (the counter
becomes the number of rows, so the next attempt's idempotency keys stay new); refunds point at the payment they
give back from; the stored provider events name their provider and, where known, their payment.
"""

from decimal import Decimal

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q

# The order statuses of a paid order, and what its payment became.
TAKEN = {
    "paid": "succeeded",
    "shipped": "succeeded",
    "partially_refunded": "partially_refunded",
    "refunded": "refunded",
}
# What the latest attempt of an order that was never paid became.
NOT_TAKEN = {"cancelled": "cancelled", "expired": "cancelled", "failed": "failed"}


def _provider(reference: str) -> str:
    """The provider a historical reference was made with: the test-card page's, a free order's, else Stripe's."""
    if reference.startswith(("cs_offline_", "pi_offline_")):
        return "offline"
    if reference.startswith("cs_free_"):
        return "free"
    return "stripe"


def _latest_status(order) -> str:
    if order.status in TAKEN:
        return TAKEN[order.status]
    if order.status in NOT_TAKEN:
        return NOT_TAKEN[order.status]
    return "pending" if order.stripe_session_id else "created"


def orders_to_payments(apps, schema_editor):
    Order, Payment = apps.get_model("checkout", "Order"), apps.get_model("checkout", "Payment")
    Refund, PaymentEvent = apps.get_model("checkout", "Refund"), apps.get_model("checkout", "PaymentEvent")
    for order in Order.objects.order_by("pk").iterator():
        session, intent = order.stripe_session_id, order.stripe_payment_intent_id
        attempts = max(order.payment_attempts, 1 if (session or intent) else 0)
        provider = _provider(session or intent)
        # Attempts before the latest left no reference (each replaced the previous one): counted, closed.
        for _ in range(attempts - 1):
            Payment.objects.create(
                order=order, provider=provider, amount=order.total, currency=order.currency, status="cancelled"
            )
        if attempts:
            Payment.objects.create(
                order=order,
                provider=provider,
                session_id=session,
                payment_intent_id=intent,
                livemode=order.stripe_livemode,
                amount=order.total,
                currency=order.currency,
                status=_latest_status(order),
            )
    for refund in Refund.objects.select_related("order").order_by("pk").iterator():
        payment = Payment.objects.filter(order=refund.order_id, payment_intent_id=refund.payment_intent_id).first()
        if payment is None and refund.payment_intent_id:
            # A payment the order could not take (a second one, one for an order cancelled meanwhile): it had no
            # row on the order; it gets one, given back by this refund.
            payment = Payment.objects.create(
                order_id=refund.order_id,
                provider=_provider(refund.payment_intent_id),
                payment_intent_id=refund.payment_intent_id,
                amount=refund.amount,
                currency=refund.currency,
                status="refunded" if refund.status in ("pending", "succeeded") else "succeeded",
            )
        if payment is not None:
            Refund.objects.filter(pk=refund.pk).update(payment=payment)
    for event in PaymentEvent.objects.exclude(order=None).order_by("pk").iterator():
        data = event.payload.get("data") if isinstance(event.payload, dict) else None
        obj = data.get("object") if isinstance(data, dict) else None
        obj = obj if isinstance(obj, dict) else {}
        references = {value for value in (obj.get("id"), obj.get("payment_intent")) if isinstance(value, str) and value}
        payment = (
            Payment.objects.filter(order=event.order_id)
            .filter(Q(session_id__in=references) | Q(payment_intent_id__in=references))
            .first()
            if references
            else None
        )
        if payment is not None:
            PaymentEvent.objects.filter(pk=event.pk).update(payment=payment)
            if event.outcome in ("processed", "mismatch") and event.processed_at:
                if payment.last_event_at is None or event.processed_at > payment.last_event_at:
                    payment.last_event_id, payment.last_event_at = event.event_id, event.processed_at
                    payment.save(update_fields=["last_event_id", "last_event_at"])


def payments_to_orders(apps, schema_editor):
    """Back: each order keeps its latest attempt's session, the payment that paid it, and the number of its
    attempts (a payment given back automatically that no attempt of ours opened is not one)."""
    Order, Payment = apps.get_model("checkout", "Order"), apps.get_model("checkout", "Payment")
    for order in Order.objects.order_by("pk").iterator():
        payments = Payment.objects.filter(order=order).exclude(provider="free")
        given_back = payments.filter(refunds__kind="automatic")
        latest = payments.exclude(session_id="").order_by("-created_at", "-pk").first()
        taken = (
            payments.filter(status__in=["succeeded", "partially_refunded", "refunded"])
            .exclude(pk__in=given_back.values("pk"))
            .order_by("pk")
            .first()
        )
        order.payment_attempts = payments.exclude(pk__in=given_back.filter(session_id="").values("pk")).count()
        order.stripe_session_id = latest.session_id if latest else ""
        order.stripe_payment_intent_id = taken.payment_intent_id if taken else ""
        order.stripe_livemode = bool(taken and taken.livemode)
        order.save(
            update_fields=["payment_attempts", "stripe_session_id", "stripe_payment_intent_id", "stripe_livemode"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("checkout", "0013_order_status_shipped"),
    ]

    operations = [
        migrations.CreateModel(
            name="Payment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("provider", models.CharField(max_length=32, verbose_name="provider")),
                ("session_id", models.CharField(blank=True, db_index=True, max_length=255, verbose_name="session")),
                (
                    "payment_intent_id",
                    models.CharField(blank=True, db_index=True, max_length=255, verbose_name="payment"),
                ),
                ("charge_id", models.CharField(blank=True, max_length=255, verbose_name="charge")),
                ("livemode", models.BooleanField(default=False, verbose_name="live mode")),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, default=Decimal("0"), max_digits=12, verbose_name="amount"),
                ),
                ("currency", models.CharField(max_length=3, verbose_name="currency")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("created", "Created"),
                            ("pending", "Waiting for the customer"),
                            ("succeeded", "Succeeded"),
                            ("failed", "Failed"),
                            ("cancelled", "Cancelled"),
                            ("refunded", "Refunded"),
                            ("partially_refunded", "Partially refunded"),
                        ],
                        default="created",
                        max_length=32,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("last_event_id", models.CharField(blank=True, max_length=255, verbose_name="last provider event")),
                (
                    "last_event_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="last provider event applied"),
                ),
                (
                    "order",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="payments",
                        to="checkout.order",
                        verbose_name="order",
                    ),
                ),
            ],
            options={
                "verbose_name": "payment",
                "verbose_name_plural": "payments",
                "ordering": ["created_at", "pk"],
                "constraints": [
                    models.CheckConstraint(condition=Q(amount__gte=0), name="payment_amount_not_negative"),
                    models.UniqueConstraint(
                        condition=~Q(session_id=""),
                        fields=("provider", "session_id"),
                        name="payment_one_row_per_session",
                    ),
                ],
            },
        ),
        migrations.RenameField(model_name="paymentevent", old_name="stripe_event_id", new_name="event_id"),
        migrations.AlterField(
            model_name="paymentevent",
            name="event_id",
            field=models.CharField(max_length=255, verbose_name="provider event"),
        ),
        migrations.AddField(
            model_name="paymentevent",
            name="provider",
            # The events stored so far all came from Stripe.
            field=models.CharField(default="stripe", max_length=32, verbose_name="provider"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="paymentevent",
            name="payment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="events",
                to="checkout.payment",
                verbose_name="payment",
            ),
        ),
        migrations.AddConstraint(
            model_name="paymentevent",
            constraint=models.UniqueConstraint(fields=("provider", "event_id"), name="paymentevent_once_per_id"),
        ),
        migrations.AddField(
            model_name="refund",
            name="payment",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="refunds",
                to="checkout.payment",
                verbose_name="payment",
            ),
        ),
        migrations.RenameField(model_name="refund", old_name="stripe_refund_id", new_name="provider_refund_id"),
        migrations.AlterField(
            model_name="refund",
            name="provider_refund_id",
            field=models.CharField(
                blank=True, max_length=255, null=True, unique=True, verbose_name="provider's refund"
            ),
        ),
        migrations.AlterField(
            model_name="refund",
            name="payment_intent_id",
            field=models.CharField(blank=True, max_length=255, verbose_name="provider's payment refunded"),
        ),
        migrations.AlterField(
            model_name="refund",
            name="kind",
            field=models.CharField(
                choices=[
                    ("manual", "By a shop manager"),
                    ("automatic", "Automatic (payment not applied)"),
                    ("external", "Made in the payment provider's dashboard"),
                ],
                default="manual",
                max_length=16,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(orders_to_payments, payments_to_orders, elidable=False),
        migrations.RemoveField(model_name="order", name="stripe_session_id"),
        migrations.RemoveField(model_name="order", name="stripe_payment_intent_id"),
        migrations.RemoveField(model_name="order", name="stripe_livemode"),
        migrations.RemoveField(model_name="order", name="payment_attempts"),
    ]
