"""Orders, their lines and their status history.

An order is created by `checkout.orders.services.place_order` only, and changes status through
`Order.move_to` only: one explicit map of allowed transitions, one method that moves, saves and writes an
`OrderEvent`. Money is Decimal in the order's currency (its market's); lines snapshot what the shopper saw, and
the order its market, currency, exchange rate, shipping and tax per line and per rate as they were when it was
placed. Whoever changes an
order first takes its row lock with `Order.objects.locked()`.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from storefront.addresses import PostalAddress
from storefront.money import quantize


def new_token() -> str:
    """192 random bits, URL-safe: the guest's key to their order page."""
    return secrets.token_urlsafe(24)


class InvalidTransition(Exception):
    """An order was asked to move to a status its current status does not allow."""

    def __init__(self, order, to_status):
        self.order, self.to_status = order, to_status
        super().__init__(f"Order {order.number}: {order.status} → {to_status} is not allowed")


class OrderQuerySet(models.QuerySet):
    def locked(self, order) -> "Order":
        """`order` (or its pk) re-read under its row lock; call inside `transaction.atomic()`.

        Every change of an order takes this lock first, so concurrent callers (a webhook and a success page, two
        webhooks, a shop manager and the expiry task) serialise on the row.
        """
        return self.select_for_update().get(pk=getattr(order, "pk", order))

    def paid(self):
        """Orders that were paid for (shipped or not)."""
        return self.filter(status__in=Order.PAID_STATUSES)


class Order(PostalAddress):
    """A guest's or a customer's order. Its totals are computed from database prices when it is placed, never from
    the browser; where it goes is a snapshot of the address given (`storefront.addresses.PostalAddress`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending payment")
        PAID = "paid", _("Paid")
        SHIPPED = "shipped", _("Shipped")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Payment failed")
        EXPIRED = "expired", _("Expired")
        PARTIALLY_REFUNDED = "partially_refunded", _("Partially refunded")
        # The order is "refunded" (Russian agrees with "заказ"); a "Refunded" amount is another word.
        REFUNDED = "refunded", pgettext_lazy("order status", "Refunded")

    TRANSITIONS = {
        Status.PENDING: {Status.PAID, Status.CANCELLED, Status.FAILED, Status.EXPIRED},
        Status.PAID: {Status.SHIPPED, Status.PARTIALLY_REFUNDED, Status.REFUNDED},
        Status.SHIPPED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED},
        # A partly refunded order can still be shipped (what was kept), and refunded again.
        Status.PARTIALLY_REFUNDED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED, Status.SHIPPED},
        Status.REFUNDED: set(),
        Status.CANCELLED: set(),
        Status.FAILED: set(),
        Status.EXPIRED: set(),
    }
    # Statuses in which the order still holds its stock reservation.
    RESERVING = {Status.PENDING}
    # The one definition of "paid for": the invoice, the cart, recommendations and reports all use it. A refunded
    # order was paid for too (its invoice stands, a credit note answers it).
    PAID_STATUSES = frozenset({Status.PAID, Status.SHIPPED, Status.PARTIALLY_REFUNDED, Status.REFUNDED})
    # Statuses from which a shop manager may give money back.
    REFUNDABLE = frozenset({Status.PAID, Status.SHIPPED, Status.PARTIALLY_REFUNDED})
    # Statuses the customer is emailed about (`checkout.orders.emails.send_status_email`), with the field that
    # records that the email went out. Expired and failed orders are told on the order page, not by email.
    STATUS_EMAIL_SENT_AT = {Status.SHIPPED: "shipped_email_sent_at", Status.CANCELLED: "cancelled_email_sent_at"}
    # {field recording that an email was sent: field holding the claim of the task sending it}.
    EMAIL_CLAIMED_AT = {
        "confirmation_sent_at": "confirmation_claimed_at",
        "shipped_email_sent_at": "shipped_email_claimed_at",
        "cancelled_email_sent_at": "cancelled_email_claimed_at",
    }

    number = models.CharField(_("number"), max_length=32, unique=True, editable=False)
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.PENDING)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    currency = models.CharField(_("currency"), max_length=3)
    # The market and exchange rate the order was placed with (issue #26), frozen: a later rate change or market
    # edit never alters an order, its refunds or its base-currency equivalent in reports.
    market = models.ForeignKey(
        "markets.Market",
        verbose_name=_("market"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    market_name = models.CharField(_("market name"), max_length=100, blank=True, editable=False)
    exchange_rate = models.DecimalField(
        _("exchange rate"),
        max_digits=20,
        decimal_places=10,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Units of the order's currency for one unit of the base currency when it was placed."),
    )

    subtotal = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    discount = models.DecimalField(_("discount"), max_digits=12, decimal_places=2, default=Decimal("0"))
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    refunded_amount = models.DecimalField(
        _("refunded"), max_digits=12, decimal_places=2, default=Decimal("0"), editable=False
    )
    coupon = models.ForeignKey(
        "coupons.Coupon",
        verbose_name=_("coupon"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
    )
    coupon_code = models.CharField(_("coupon code"), max_length=50, blank=True)
    # Shipping and taxes as computed when the order was placed (`checkout.taxes.calculation`), frozen: a later
    # change of a method's price or a tax rate never alters an order.
    prices_include_tax = models.BooleanField(_("prices include tax"), default=True, editable=False)
    shipping_method = models.ForeignKey(
        "checkout.ShippingMethod",
        verbose_name=_("shipping method"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    shipping_name = models.CharField(_("shipping"), max_length=100, blank=True)
    shipping_price = models.DecimalField(
        _("shipping price"), max_digits=12, decimal_places=2, default=Decimal("0"), help_text=_("In catalog prices.")
    )
    shipping_tax_rate = models.DecimalField(_("shipping tax rate"), max_digits=5, decimal_places=2, default=0)
    shipping_tax = models.DecimalField(_("shipping tax"), max_digits=12, decimal_places=2, default=Decimal("0"))
    tax = models.DecimalField(_("tax"), max_digits=12, decimal_places=2, default=Decimal("0"))
    tax_breakdown = models.JSONField(
        _("tax per rate"), default=list, blank=True, help_text=_('[{"rate", "net", "tax", "gross"}], as strings.')
    )

    email = models.EmailField(_("email"))
    # The customer account the order belongs to: set when a signed-in customer places it, or when the owner of
    # the email it was placed with verifies that address (`accounts.orders`); never from an unverified email.
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("customer account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    tax_id = models.CharField(_("tax ID"), max_length=32, blank=True)

    submission_key = models.CharField(
        _("submission key"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Sent with the checkout form, so that a double submit makes one order."),
    )
    reserved_until = models.DateTimeField(_("stock reserved until"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    # The attempts to pay are `order.payments` (`checkout.payments.models.Payment`): the order knows no provider.
    confirmation_sent_at = models.DateTimeField(_("confirmation email sent"), null=True, blank=True)
    shipped_email_sent_at = models.DateTimeField(_("shipping email sent"), null=True, blank=True)
    cancelled_email_sent_at = models.DateTimeField(_("cancellation email sent"), null=True, blank=True)
    disputed_at = models.DateTimeField(_("payment disputed"), null=True, blank=True)
    # When a task started sending the email (`storefront.mail.claim`): the claim, not a row lock, keeps a
    # second task from sending it too, so a slow mail server never holds up a payment of this order.
    confirmation_claimed_at = models.DateTimeField(
        _("confirmation email claimed"), null=True, blank=True, editable=False
    )
    shipped_email_claimed_at = models.DateTimeField(_("shipping email claimed"), null=True, blank=True, editable=False)
    cancelled_email_claimed_at = models.DateTimeField(
        _("cancellation email claimed"), null=True, blank=True, editable=False
    )

    objects = OrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(subtotal__gte=0), name="order_subtotal_not_negative"),
            models.CheckConstraint(condition=Q(discount__gte=0), name="order_discount_not_negative"),
            models.CheckConstraint(condition=Q(total__gte=0), name="order_total_not_negative"),
            models.CheckConstraint(
                condition=Q(shipping_price__gte=0, shipping_tax__gte=0, tax__gte=0),
                name="order_shipping_tax_not_negative",
            ),
            # Never more given back than was paid, whatever races the checks under the row lock might miss.
            models.CheckConstraint(
                condition=Q(refunded_amount__gte=0, refunded_amount__lte=F("total")),
                name="order_refunded_within_total",
            ),
        ]
        permissions = [("refund_order", _("Can refund orders"))]
        indexes = [models.Index(fields=["status", "reserved_until"])]

    def __str__(self):
        return self.number

    @property
    def is_paid(self) -> bool:
        return self.status in self.PAID_STATUSES

    @property
    def customer_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def shipping_net(self) -> Decimal:
        return self.shipping_price - self.shipping_tax if self.prices_include_tax else self.shipping_price

    @property
    def shipping_gross(self) -> Decimal:
        return self.shipping_price if self.prices_include_tax else self.shipping_price + self.shipping_tax

    @property
    def base_total(self) -> Decimal | None:
        """The total in the base currency at the order's frozen rate, to the cent; None without a rate (a market
        of explicit prices whose currency had none)."""
        if not self.exchange_rate:
            return None
        return quantize(self.total / self.exchange_rate, settings.BASE_CURRENCY)

    @property
    def net_total(self) -> Decimal:
        return self.total - self.tax

    @property
    def tax_rates(self) -> list[dict]:
        """The breakdown per rate with Decimal amounts, for pages, emails and invoices."""
        return [{key: Decimal(value) for key, value in row.items()} for row in self.tax_breakdown]

    @property
    def is_payable(self) -> bool:
        return self.status == self.Status.PENDING and self.reserved_until > timezone.now()

    def can_move_to(self, to_status) -> bool:
        return to_status in self.TRANSITIONS[self.Status(self.status)]

    def move_to(self, to_status, *, by=None, note="", **changes):
        """Move along an allowed transition, save, and record the move. The caller holds the row lock."""
        to_status = self.Status(to_status)
        if not self.can_move_to(to_status):
            raise InvalidTransition(self, to_status)
        from_status = self.status
        self.status = to_status
        for field, value in changes.items():
            setattr(self, field, value)
        self.save(update_fields=["status", "updated_at", *changes])
        return OrderEvent.objects.create(
            order=self, from_status=from_status, to_status=to_status, actor=by, note=note[:1000]
        )


class OrderLine(models.Model):
    """One variant of an order, with what the shopper saw and paid: the variant's SKU, its title in the order's
    language ("T-shirt — Red / M", frozen, as every document names it), its label alone, the price.

    `product` stays: "bought together" and reports count products, whatever the variant."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "products.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="order_lines"
    )
    # SET_NULL: a variant deleted later leaves the line's frozen SKU and title; only its restocking is lost.
    variant = models.ForeignKey(
        "products.ProductVariant",
        verbose_name=_("variant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="order_lines",
    )
    sku = models.CharField(_("SKU"), max_length=64)
    title = models.CharField(_("title"), max_length=255)
    variant_label = models.CharField(_("variant"), max_length=255, blank=True)
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    quantity = models.PositiveIntegerField(_("quantity"))
    refunded_quantity = models.PositiveIntegerField(_("refunded quantity"), default=0, editable=False)
    # The line's money after its share of the order's discount (`checkout.taxes.calculation`), frozen.
    discount = models.DecimalField(_("discount"), max_digits=12, decimal_places=2, default=Decimal("0"))
    tax_rate = models.DecimalField(_("tax rate"), max_digits=5, decimal_places=2, default=Decimal("0"))
    net = models.DecimalField(_("net"), max_digits=12, decimal_places=2, default=Decimal("0"))
    tax = models.DecimalField(_("tax"), max_digits=12, decimal_places=2, default=Decimal("0"))
    gross = models.DecimalField(_("gross"), max_digits=12, decimal_places=2, default=Decimal("0"))

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="orderline_quantity_positive"),
            models.UniqueConstraint(fields=["order", "variant"], name="orderline_one_per_variant"),
            models.CheckConstraint(
                condition=Q(refunded_quantity__lte=F("quantity")), name="orderline_refunded_within_quantity"
            ),
        ]

    def __str__(self):
        return f"{self.quantity} × {self.sku}"

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.quantity


class OrderEvent(models.Model):
    """One status move of an order: who, when, from, to, and why."""

    order = models.ForeignKey(Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=32, choices=Order.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=32, choices=Order.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("order event")
        verbose_name_plural = _("order events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.order.number}: {self.from_status or '—'} → {self.to_status}"


class Alert(models.Model):
    """Something only a person can settle: a disputed payment, a refund that failed, a payment that could not
    be applied, an email the shop gave up sending. Shop managers are emailed and see it on their dashboard
    until one of them marks it resolved (`checkout.orders.alerts`)."""

    class Kind(models.TextChoices):
        DISPUTE = "dispute", _("Payment disputed")
        REFUND_FAILED = "refund_failed", _("Refund failed")
        PAYMENT_NOT_APPLIED = "payment_not_applied", _("Payment not applied")
        EMAIL_FAILED = "email_failed", _("Email not sent")
        EINVOICE_INCOMPLETE = "einvoice_incomplete", _("Invoice not issued: e-invoice data missing")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    order = models.ForeignKey(
        Order, verbose_name=_("order"), null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("raised"), default=timezone.now, db_index=True)
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.order.number if self.order else '—'}"
