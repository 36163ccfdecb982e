"""Coupons in the Wagtail admin: shop managers manage them and read the report; editors do not see them."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.utils import timezone

from checkout.tests.factories import make_order
from coupons.models import Coupon, Redemption

from .factories import CouponFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/snippets/coupons/coupon/"
ADD_URL = "/admin/snippets/coupons/coupon/add/"
REPORT_URL = "/admin/coupons/report/"


def user_in_group(django_user_model, name, permissions):
    group, _created = Group.objects.get_or_create(name=name)
    for codename in ["wagtailadmin.access_admin", *permissions]:
        app_label, perm = codename.split(".")
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=perm))
    user = django_user_model.objects.create_user(username=name.lower().replace(" ", "-"), password="pw")
    user.groups.add(group)
    return user


@pytest.fixture
def manager(client, django_user_model):
    client.force_login(
        user_in_group(
            django_user_model,
            "Shop managers",
            ["coupons.add_coupon", "coupons.change_coupon", "coupons.view_coupon"],
        )
    )
    return client


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(user_in_group(django_user_model, "Editors", []))
    return client


def test_a_shop_manager_sees_the_coupons_with_uses_and_limit(manager):
    CouponFactory(code="SUMMER-10", max_uses=100)

    response = manager.get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "SUMMER-10" in html and "0 / 100" in html


def test_an_editor_sees_neither_the_coupons_nor_the_report(editor):
    # Wagtail answers a denied admin page with a redirect to the dashboard.
    assert editor.get(LIST_URL)["Location"] == "/admin/"
    assert editor.get(REPORT_URL)["Location"] == "/admin/"
    assert "Coupon report" not in editor.get("/admin/").content.decode()


def form_data(**changes):
    data = {
        "code": " autumn-5 ",
        "active": "on",
        "kind": "percent",
        "value": "5",
        "currency": "eur",
        "valid_from": "2026-09-01 00:00",
        "valid_until": "2026-12-01 00:00",
        "max_uses": "",
        "max_uses_per_email": "1",
        "minimum_amount": "",
        "description_en": "Five percent off",
        "description_es": "Cinco por ciento",
        "description_ru": "",
    }
    return {**data, **changes}


def test_a_shop_manager_adds_a_coupon_with_descriptions_per_language(manager):
    response = manager.post(ADD_URL, form_data())

    assert response.status_code == 302
    coupon = Coupon.objects.get()
    assert (coupon.code, coupon.currency) == ("AUTUMN-5", "EUR")
    assert coupon.descriptions == {"en": "Five percent off", "es": "Cinco por ciento"}
    assert coupon.description_for("es") == "Cinco por ciento"
    assert coupon.description_for("ru") == "Five percent off"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"value": "101"}, "value"),
        ({"currency": "ZZZ"}, "currency"),
        ({"value": "0"}, "value"),
        ({"valid_until": "2026-08-01 00:00"}, "valid_until"),
        ({"code": "NO SPACES"}, "code"),
    ],
)
def test_the_admin_refuses_invalid_coupons(manager, changes, field):
    response = manager.post(ADD_URL, form_data(**changes))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Coupon.objects.count() == 0


def test_clean_tells_each_problem():
    now = timezone.now()
    coupon = Coupon(code="x y", kind="percent", value=Decimal("150"), valid_from=now, valid_until=now)

    with pytest.raises(ValidationError) as refused:
        coupon.clean()

    assert refused.value.message_dict == {
        "code": ["Use 1 to 50 letters A–Z, digits, hyphens or underscores."],
        "value": ["A percentage must be between 1 and 100."],
        "valid_until": ["The end of validity must come after its start."],
    }


def test_the_report_counts_paid_orders_and_their_discount_per_coupon(manager):
    summer = CouponFactory(code="SUMMER")
    CouponFactory(code="UNUSED")
    for amount in ("2.45", "10.00", "0.01"):
        Redemption.objects.create(coupon=summer, order=make_order(coupon=summer), email="a@b.c", amount=amount)

    response = manager.get(REPORT_URL)

    assert response.status_code == 200
    rows = {row.code: (row.paid_orders, row.discount_total) for row in response.context["rows"]}
    assert rows == {"SUMMER": (3, Decimal("12.46")), "UNUSED": (0, Decimal("0"))}
    assert (response.context["total_orders"], response.context["total_discount"]) == (3, Decimal("12.46"))
    assert "$12.46" in response.content.decode()
