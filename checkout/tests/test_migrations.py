"""An existing shop's database migrates to refunds without losing anything: orders, lines, events, payment
events and invoices written with the schema before it read the same after it, with nothing refunded yet."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BEFORE = [("checkout", "0003_order_status_emails")]


def migrate(targets=None):
    """Migrate checkout to `targets` (default: its latest migration); the models of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes("checkout")
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def latest_schema_after():
    """Each test leaves the schema where the other tests of its process expect it: at the latest migration."""
    yield
    migrate()


def test_orders_placed_before_refunds_existed_keep_everything(shop):
    old = migrate(BEFORE)
    Order, OrderLine, Invoice = (old.get_model("checkout", name) for name in ("Order", "OrderLine", "Invoice"))
    OrderEvent, PaymentEvent = old.get_model("checkout", "OrderEvent"), old.get_model("checkout", "PaymentEvent")
    now = timezone.now()
    order = Order.objects.create(
        number="SF-000900",
        token="old-token",
        status="fulfilled",
        language="ru",
        currency="usd",
        subtotal=Decimal("49.00"),
        discount=Decimal("0.00"),
        total=Decimal("49.00"),
        first_name="Борис",
        last_name="Иванов",
        email="boris@example.ru",
        address="ул. Ленина, 1",
        postal_code="101000",
        city="Москва",
        country="RU",
        reserved_until=now,
        paid_at=now - timedelta(days=3),
        stripe_payment_intent_id="pi_old",
    )
    OrderLine.objects.create(
        order=order, product_id=shop["kettle"].pk, sku="KET-1", title="Чайник", unit_price=Decimal("24.50"), quantity=2
    )
    OrderEvent.objects.create(order=order, from_status="paid", to_status="fulfilled", note="Отправлен")
    PaymentEvent.objects.create(stripe_event_id="evt_old", type="checkout.session.completed", payload={}, order=order)
    Invoice.objects.create(order=order, number=41)

    new = migrate([("checkout", "0013_order_status_shipped")])  # before payments became records

    Order, Refund = new.get_model("checkout", "Order"), new.get_model("checkout", "Refund")
    order = Order.objects.get(number="SF-000900")
    line = order.lines.get()
    assert (order.status, order.total, order.refunded_amount, order.disputed_at) == (
        "shipped",
        Decimal("49.00"),
        Decimal("0.00"),
        None,
    )
    assert (order.first_name, order.city, order.stripe_payment_intent_id) == ("Борис", "Москва", "pi_old")
    assert (line.title, line.quantity, line.refunded_quantity) == ("Чайник", 2, 0)
    assert [(e.to_status, e.note) for e in order.events.all()] == [("shipped", "Отправлен")]
    assert order.payment_events.get().stripe_event_id == "evt_old"
    assert order.invoice.number == 41
    assert Refund.objects.count() == 0


def test_orders_placed_before_shipping_and_taxes_get_their_lines_money(shop):
    old = migrate([("checkout", "0006_credit_notes")])
    Order, OrderLine = old.get_model("checkout", "Order"), old.get_model("checkout", "OrderLine")
    now = timezone.now()
    order = Order.objects.create(
        number="SF-000901",
        token="old-token-2",
        status="paid",
        language="es",
        currency="usd",
        subtotal=Decimal("57.00"),
        discount=Decimal("10.00"),
        total=Decimal("47.00"),
        first_name="Ana",
        last_name="Pérez",
        email="ana@example.com",
        address="Calle Mayor 1",
        postal_code="28001",
        city="Madrid",
        country="ES",
        reserved_until=now,
        paid_at=now,
    )
    for product, price, quantity in ((shop["kettle"], "24.50", 2), (shop["mug"], "8.00", 1)):
        OrderLine.objects.create(
            order=order, product_id=product.pk, sku=product.sku, title="x", unit_price=Decimal(price), quantity=quantity
        )

    new = migrate()

    order = new.get_model("checkout", "Order").objects.get(number="SF-000901")
    # The 10.00 discount spread 49 : 8 over the lines (8.60 and 1.40), no tax, one 0 % row in the breakdown
    assert [(line.discount, line.net, line.tax, line.gross) for line in order.lines.order_by("pk")] == [
        (Decimal("8.60"), Decimal("40.40"), Decimal("0.00"), Decimal("40.40")),
        (Decimal("1.40"), Decimal("6.60"), Decimal("0.00"), Decimal("6.60")),
    ]
    assert order.tax_breakdown == [{"rate": "0.00", "net": "47.00", "tax": "0.00", "gross": "47.00"}]
    assert (order.total, order.tax, order.shipping_price, order.prices_include_tax) == (
        Decimal("47.00"),
        Decimal("0.00"),
        Decimal("0.00"),
        True,
    )


SHIPPED_RENAMED = ("checkout", "0013_order_status_shipped")
BEFORE_RENAME = [("checkout", "0012_refund_email_claimed_at")]
OLD_STATUSES = ["pending", "paid", "fulfilled", "cancelled", "failed", "expired", "partially_refunded", "refunded"]


def test_fulfilled_orders_and_their_history_are_called_shipped_and_back(shop):
    # Given an order in every status of the schema before the rename, each with the history that led there
    old = migrate(BEFORE_RENAME)
    Order, OrderEvent = old.get_model("checkout", "Order"), old.get_model("checkout", "OrderEvent")
    now = timezone.now()
    for index, status in enumerate(OLD_STATUSES):
        order = Order.objects.create(
            number=f"SF-0009{index:02d}",
            token=f"rename-{index}",
            status=status,
            language="es",
            currency="usd",
            subtotal=Decimal("10.00"),
            discount=Decimal("0.00"),
            total=Decimal("10.00"),
            email="ana@example.com",
            reserved_until=now,
        )
        history = {
            "fulfilled": [("pending", "paid"), ("paid", "fulfilled")],
            "refunded": [("pending", "paid"), ("paid", "fulfilled"), ("fulfilled", "refunded")],
        }.get(status, [("", status)])
        for from_status, to_status in history:
            OrderEvent.objects.create(order=order, from_status=from_status, to_status=to_status)

    # When checkout migrates past the rename
    new = migrate([SHIPPED_RENAMED])

    # Then "fulfilled" is "shipped" everywhere, and nothing else changed
    Order = new.get_model("checkout", "Order")
    renamed = ["shipped" if status == "fulfilled" else status for status in OLD_STATUSES]
    assert list(Order.objects.order_by("number").values_list("status", flat=True)) == renamed
    events = {
        order.status: [(event.from_status, event.to_status) for event in order.events.order_by("pk")]
        for order in Order.objects.prefetch_related("events")
    }
    assert events["shipped"] == [("pending", "paid"), ("paid", "shipped")]
    assert events["refunded"] == [("pending", "paid"), ("paid", "shipped"), ("shipped", "refunded")]
    assert events["cancelled"] == [("", "cancelled")]

    # And migrating back restores the old name
    back = migrate(BEFORE_RENAME)
    Order = back.get_model("checkout", "Order")
    assert list(Order.objects.order_by("number").values_list("status", flat=True)) == OLD_STATUSES
    assert [
        (event.from_status, event.to_status)
        for event in back.get_model("checkout", "OrderEvent").objects.filter(order__status="refunded").order_by("pk")
    ] == [("pending", "paid"), ("paid", "fulfilled"), ("fulfilled", "refunded")]
