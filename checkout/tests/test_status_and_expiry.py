"""Status moves through the services only along allowed transitions; unpaid orders expire and return stock."""

from datetime import timedelta

import pytest
from django.utils import timezone

from checkout.models import InvalidTransition, Order, OrderEvent
from checkout.orders import reservations, services
from checkout.tasks import expire_unpaid_orders
from products.models import ProductVariant

from .conftest import ListCart

pytestmark = pytest.mark.django_db


def stock(product):
    return ProductVariant.objects.values_list("stock", flat=True).get(product=product)


def history(order):
    return list(OrderEvent.objects.filter(order=order).values_list("from_status", "to_status"))


@pytest.fixture
def order(shop, customer):
    """A pending order holding 2 kettles (8 left) and 1 mug (2 left)."""
    return services.place_order(ListCart((shop["kettle"], 2), (shop["mug"], 1)), customer, "en")


def paid(order):
    Order.objects.filter(pk=order.pk).update(status=Order.Status.PAID)
    order.refresh_from_db()
    return order


@pytest.mark.parametrize(
    ("service", "status"),
    [
        (services.cancel_order, Order.Status.CANCELLED),
        (reservations.expire_order, Order.Status.EXPIRED),
        (reservations.fail_order, Order.Status.FAILED),
    ],
)
def test_ending_a_pending_order_returns_its_stock_and_records_the_move(shop, order, service, status):
    service(order)

    order.refresh_from_db()
    assert order.status == status
    assert (stock(shop["kettle"]), stock(shop["mug"])) == (10, 3)
    assert history(order) == [("", "pending"), ("pending", status)]


def test_ending_twice_returns_the_stock_once(shop, order):
    services.cancel_order(order)
    services.cancel_order(order)

    assert (stock(shop["kettle"]), stock(shop["mug"])) == (10, 3)
    assert len(history(order)) == 2


def test_a_paid_order_cannot_be_cancelled_or_expired(shop, order):
    paid(order)

    for service in (services.cancel_order, reservations.expire_order, reservations.fail_order):
        with pytest.raises(InvalidTransition):
            service(order)

    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert (stock(shop["kettle"]), stock(shop["mug"])) == (8, 2)


def test_only_a_paid_order_can_be_shipped(order, admin_user):
    with pytest.raises(InvalidTransition):
        services.mark_shipped(order)

    services.mark_shipped(paid(order), by=admin_user, note="Sent with tracking 123")

    order.refresh_from_db()
    event = order.events.last()
    assert order.status == Order.Status.SHIPPED
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        "paid",
        "shipped",
        admin_user,
        "Sent with tracking 123",
    )


@pytest.mark.parametrize(
    ("start", "allowed"),
    [
        ("pending", {"paid", "cancelled", "failed", "expired"}),
        ("paid", {"shipped", "partially_refunded", "refunded"}),
        ("shipped", {"partially_refunded", "refunded"}),
        ("partially_refunded", {"partially_refunded", "refunded", "shipped"}),
        ("refunded", set()),
        ("cancelled", set()),
        ("failed", set()),
        ("expired", set()),
    ],
)
def test_the_transition_map(start, allowed):
    order = Order(number="SF-X", status=start)

    assert {status for status in Order.Status.values if order.can_move_to(status)} == allowed


def test_the_expiry_task_expires_only_overdue_pending_orders(shop, customer):
    overdue = services.place_order(ListCart((shop["mug"], 1)), customer, "en")
    fresh = services.place_order(ListCart((shop["mug"], 1)), customer, "en")
    overdue_but_paid = services.place_order(ListCart((shop["kettle"], 1)), customer, "en")
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Order.objects.filter(pk__in=[overdue.pk, overdue_but_paid.pk]).update(reserved_until=an_hour_ago)
    paid(overdue_but_paid)

    expired = expire_unpaid_orders.apply().result

    statuses = dict(Order.objects.values_list("pk", "status"))
    assert expired == 1
    assert statuses == {overdue.pk: "expired", fresh.pk: "pending", overdue_but_paid.pk: "paid"}
    assert (stock(shop["mug"]), stock(shop["kettle"])) == (2, 9)
    assert history(overdue)[-1] == ("pending", "expired")
    assert OrderEvent.objects.get(order=overdue, to_status="expired").note == "Reservation time over."


def test_the_expiry_task_does_nothing_twice(shop, customer):
    order = services.place_order(ListCart((shop["mug"], 1)), customer, "en")
    Order.objects.filter(pk=order.pk).update(reserved_until=timezone.now() - timedelta(minutes=1))

    first, second = expire_unpaid_orders.apply().result, expire_unpaid_orders.apply().result

    assert (first, second) == (1, 0)
    assert stock(shop["mug"]) == 3


def test_the_expiry_task_is_on_the_beat_schedule(settings):
    schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "checkout.tasks.expire_unpaid_orders" in schedule
    assert expire_unpaid_orders.name == "checkout.tasks.expire_unpaid_orders"
