"""Reports over orders of several markets (issue #26): the dashboard's value of the orders to ship, the coupon
report's discounts and the admin's order page, in the base currency at each order's frozen rate."""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from coupons.models import Redemption
from coupons.tests.factories import CouponFactory
from products.tests.factories import ProductFactory

from .factories import make_order, make_paid_order
from .test_dashboard import shop_manager, staff_groups  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_the_dashboard_values_the_orders_to_ship_in_the_base_currency(client, shop_manager):  # noqa: F811
    kettle = ProductFactory(price=Decimal("46.00"), stock=50)
    make_paid_order(lines=[(kettle, 1)])  # 46.00 US dollars
    make_paid_order(lines=[(kettle, 1)], currency="eur", exchange_rate=Decimal("0.92"))  # 46.00 € = 50.00 $
    make_paid_order(lines=[(kettle, 1)], currency="chf")  # no rate: counted, not valued

    page = BeautifulSoup(client.get("/admin/").content, "html.parser")

    assert page.select_one("[data-dashboard-link=paid]").get_text(strip=True) == "3 paid orders to ship"
    assert page.select_one("[data-dashboard-value]").get_text(strip=True) == "(worth $96.00)"


def test_the_coupon_report_adds_discounts_up_in_the_base_currency(client, shop_manager):  # noqa: F811
    summer = CouponFactory(code="SUMMER")
    dollars = make_order(coupon=summer)
    euros = make_order(coupon=summer, currency="eur", exchange_rate=Decimal("0.92"))
    Redemption.objects.create(coupon=summer, order=dollars, email="a@b.c", amount=Decimal("10.00"))
    Redemption.objects.create(coupon=summer, order=euros, email="d@e.f", amount=Decimal("9.20"))

    response = client.get("/admin/coupons/report/")

    assert response.context["total_discount"] == Decimal("20.00")  # 10.00 $ + 9.20 € at 0.92
    assert "$20.00" in response.content.decode()


def test_the_admin_order_page_shows_the_market_rate_and_base_total(client, shop_manager):  # noqa: F811
    order = make_order(currency="eur", exchange_rate=Decimal("0.92"), market_name="Eurozone")

    html = client.get(reverse("orders:inspect", args=[order.pk])).content.decode()
    market = BeautifulSoup(html, "html.parser").select_one("[data-order-market]")

    # 2 × 24.50 = 49.00 €, 53.26 $ at 0.92
    assert " ".join(market.get_text().split()) == "Eurozone (EUR) · rate 0.92, $53.26 in the base currency"
