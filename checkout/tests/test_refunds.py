"""Refunds from the back office: whole orders or chosen units, restocking per line, Stripe's Refund API with an
idempotency key, the status machine, the coupon's use, and the limits a refund can never pass."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import translation

from checkout.models import Alert, Order, OrderEvent, Refund
from checkout.refunds.services import RefundError, refund_order
from coupons.models import Coupon, Redemption
from coupons.tests.factories import CouponFactory
from products.tests.factories import ProductFactory
from storefront.money import to_minor_units

from .factories import intent_of, make_order, make_paid_order, user_in_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def products():
    return {
        "kettle": ProductFactory(sku="KET-1", name="Kettle", price="24.50", stock=10),
        "mug": ProductFactory(sku="MUG-1", name="Mug", price="8.00", stock=10),
    }


@pytest.fixture
def paid(products, fake_stripe):
    """A paid order of 2 kettles and 3 mugs (73.00), whose payment the fake Stripe holds."""
    order = make_paid_order(lines=[(products["kettle"], 2), (products["mug"], 3)])
    fake_stripe.add_payment(intent_of(order), to_minor_units(order.total))  # 73.00
    return order


def line(order, sku):
    return order.lines.get(sku=sku)


def stock(product):
    product.refresh_from_db()
    return product.stock


def test_a_whole_order_is_refunded_once_with_an_idempotency_key(paid, fake_stripe, products):
    refund = refund_order(paid, reason="Changed their mind", request_key="form-1")

    paid.refresh_from_db()
    (sent,) = fake_stripe.requests_to("POST", "/v1/refunds")
    assert sent.params == {
        "payment_intent": intent_of(paid),
        "amount": "7300",
        "reason": "requested_by_customer",
        "metadata": {"order_number": paid.number, "refund": str(refund.pk)},
    }
    assert sent.headers["Idempotency-Key"] == f"refund-{paid.number}-form-1"
    assert (refund.status, refund.amount, refund.provider_refund_id) == ("succeeded", Decimal("73.00"), "re_000001")
    assert (paid.status, paid.refunded_amount) == (Order.Status.REFUNDED, Decimal("73.00"))
    assert [(rl.order_line.sku, rl.quantity, rl.restock) for rl in refund.lines.all()] == [
        ("KET-1", 2, False),
        ("MUG-1", 3, False),
    ]
    assert OrderEvent.objects.filter(order=paid).last().note == "Refund of 73.00 usd: Changed their mind"
    assert (stock(products["kettle"]), stock(products["mug"])) == (8, 7)  # restocking is a choice


def test_chosen_units_are_refunded_and_only_the_chosen_lines_go_back_to_stock(paid, products):
    kettle, mug = line(paid, "KET-1"), line(paid, "MUG-1")

    refund = refund_order(paid, quantities={kettle.pk: 1, mug.pk: 2}, restock={mug.pk})

    paid.refresh_from_db()
    kettle.refresh_from_db()
    assert refund.amount == Decimal("40.50")
    assert (paid.status, paid.refunded_amount) == (Order.Status.PARTIALLY_REFUNDED, Decimal("40.50"))
    assert kettle.refunded_quantity == 1
    assert (stock(products["kettle"]), stock(products["mug"])) == (8, 9)


def test_refunds_of_a_discounted_order_add_up_to_what_was_paid(products, fake_stripe):
    """The discount is spread over the lines in proportion to their price; the last refund takes what is left."""
    ten_percent = CouponFactory(kind=Coupon.Kind.PERCENT, value=Decimal("10"))  # 32.50 − 3.25
    order = make_paid_order(lines=[(products["kettle"], 1), (products["mug"], 1)], coupon=ten_percent)
    fake_stripe.add_payment(intent_of(order), to_minor_units(order.total))

    first = refund_order(order, quantities={line(order, "KET-1").pk: 1})
    second = refund_order(order, quantities={line(order, "MUG-1").pk: 1})

    order.refresh_from_db()
    # 24.50 × 29.25 / 32.50 = 22.05; the mug gets the remaining 7.20 (8.00 × 0.9 = 7.20 as well)
    assert (first.amount, second.amount) == (Decimal("22.05"), Decimal("7.20"))
    assert order.refunded_amount == order.total == Decimal("29.25")
    assert order.status == Order.Status.REFUNDED
    assert fake_stripe.payments[intent_of(order)]["amount_refunded"] == 2925


def test_a_double_submit_makes_one_refund(paid, fake_stripe):
    first = refund_order(paid, request_key="form-1")
    second = refund_order(paid, request_key="form-1")

    assert first.pk == second.pk
    assert len(fake_stripe.requests_to("POST", "/v1/refunds")) == 1


@pytest.mark.parametrize(
    ("quantities", "message"),
    [
        ({"KET-1": 3}, "At most 2 of “Kettle” can still be refunded."),
        ({"KET-1": 0}, "Choose at least one unit to refund."),
    ],
)
def test_more_units_than_are_left_are_refused_and_nothing_changes(paid, fake_stripe, quantities, message):
    with pytest.raises(RefundError) as refused:
        refund_order(paid, quantities={line(paid, sku).pk: n for sku, n in quantities.items()})

    assert str(refused.value.message) == message
    assert fake_stripe.requests == []
    assert Refund.objects.count() == 0


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This order has already been refunded in full."),
        ("es", "Este pedido ya se ha reembolsado por completo."),
        ("ru", "Этот заказ уже полностью возвращён."),
    ],
)
def test_nothing_is_left_to_refund_after_a_full_refund(paid, language, message):
    refund_order(paid)

    with pytest.raises(RefundError) as refused:
        refund_order(paid)
    with translation.override(language):
        assert str(refused.value.message) == message


def test_an_order_never_paid_cannot_be_refunded():
    with pytest.raises(RefundError) as refused:
        refund_order(make_order())
    assert str(refused.value.message) == "Only a paid order can be refunded."


def test_the_database_refuses_to_record_more_than_was_paid(paid):
    with pytest.raises(IntegrityError), transaction.atomic():
        Order.objects.filter(pk=paid.pk).update(refunded_amount=paid.total + Decimal("0.01"))


def test_a_refund_stripe_refuses_is_kept_as_failed_and_alerts_the_shop_managers(
    paid, fake_stripe, settings, django_capture_on_commit_callbacks
):
    settings.SHOP_ALERTS_EMAIL = "ops@example.com"
    fake_stripe.refund_in_dashboard(intent_of(paid))  # refunded meanwhile, elsewhere

    with django_capture_on_commit_callbacks(execute=True):
        refund = refund_order(paid)

    paid.refresh_from_db()
    assert refund.status == Refund.Status.FAILED
    assert "has already been refunded" in refund.failure_message
    assert (paid.status, paid.refunded_amount) == (Order.Status.PAID, Decimal("0"))
    alert = Alert.objects.get()
    assert (alert.kind, alert.order) == (Alert.Kind.REFUND_FAILED, paid)
    assert [m.to for m in mail.outbox] == [["ops@example.com"]]
    assert paid.number in mail.outbox[0].subject


def test_a_full_refund_gives_the_coupon_use_back(products, fake_stripe):
    coupon = CouponFactory(code="ONCE", max_uses=1, uses=1)
    order = make_paid_order(lines=[(products["kettle"], 1)], coupon=coupon)
    Redemption.objects.create(coupon=coupon, order=order, email=order.email, amount=order.discount)
    fake_stripe.add_payment(intent_of(order), to_minor_units(order.total))

    refund_order(order)

    coupon.refresh_from_db()
    assert coupon.uses == 0
    assert not Redemption.objects.filter(order=order).exists()


def test_a_partial_refund_keeps_the_coupon_use(products, fake_stripe):
    coupon = CouponFactory(code="ONCE", max_uses=1, uses=1)
    order = make_paid_order(lines=[(products["kettle"], 2)], coupon=coupon)
    Redemption.objects.create(coupon=coupon, order=order, email=order.email, amount=order.discount)
    fake_stripe.add_payment(intent_of(order), to_minor_units(order.total))

    refund_order(order, quantities={line(order, "KET-1").pk: 1})

    coupon.refresh_from_db()
    assert coupon.uses == 1


def test_an_order_paid_on_the_test_card_page_is_refunded_without_stripe(products, fake_stripe):
    order = make_paid_order(lines=[(products["kettle"], 1)], payment_intent_id="pi_offline_abc")

    refund = refund_order(order)

    assert refund.status == Refund.Status.SUCCEEDED and refund.provider_refund_id.startswith("re_offline_")
    assert fake_stripe.requests == []


def test_an_unpaid_order_cannot_be_refunded(products):
    with pytest.raises(RefundError):
        refund_order(make_order(lines=[(products["kettle"], 1)]))


# --- The back office --------------------------------------------------------------------------------------


@pytest.fixture
def manager(client, django_user_model):
    user = user_in_group(
        django_user_model, settings.SHOP_MANAGERS_GROUP, "checkout.view_order", "checkout.refund_order"
    )
    client.force_login(user)
    return user


def test_a_shop_manager_refunds_one_line_from_the_order_page(client, manager, paid, products):
    page = client.get(f"/admin/orders/{paid.pk}/").content.decode()
    key = page.split('name="request_key" value="')[1].split('"')[0]
    mug = line(paid, "MUG-1")

    response = client.post(
        f"/admin/orders/{paid.pk}/refund/",
        {"request_key": key, f"units_{mug.pk}": "1", f"restock_{mug.pk}": "on", "reason": "Broken", "everything": ""},
        follow=True,
    )

    paid.refresh_from_db()
    refund = paid.refunds.get()
    assert (refund.amount, refund.created_by, refund.reason) == (Decimal("8.00"), manager, "Broken")
    assert paid.status == Order.Status.PARTIALLY_REFUNDED
    assert stock(products["mug"]) == 8
    assert "$8.00 refunded to the customer." in response.content.decode()
    assert 'data-refund-status="succeeded"' in response.content.decode()


def test_the_refund_form_needs_the_refund_permission(client, django_user_model, paid):
    client.force_login(
        user_in_group(django_user_model, "Order viewers", "checkout.view_order", "checkout.change_order")
    )

    page = client.get(f"/admin/orders/{paid.pk}/").content.decode()
    response = client.post(f"/admin/orders/{paid.pk}/refund/", {"request_key": "k", "everything": "on"})

    assert "data-refund-form" not in page
    assert response.status_code in (302, 403)
    assert Refund.objects.count() == 0


def test_shop_managers_may_refund_editors_may_not():
    from home.groups import GROUP_PERMISSIONS

    assert "checkout.refund_order" in GROUP_PERMISSIONS[settings.SHOP_MANAGERS_GROUP]
    assert "checkout.refund_order" not in GROUP_PERMISSIONS[settings.EDITORS_GROUP]


def test_the_shopper_sees_the_refund_on_the_order_page(client, paid):
    refund_order(paid, quantities={line(paid, "MUG-1").pk: 1})

    page = client.get(f"/es/finalizar-compra/pedido/{paid.token}/").content.decode()

    assert "Parte de su pedido ha sido reembolsada." in page
    assert "8,00\xa0US$ reembolsados el" in page
