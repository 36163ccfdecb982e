"""What the coupons did: paid orders and total discount per coupon, from the Redemption rows (one per paid order).

Orders are in their markets' currencies; the discounts are added up in the base currency, each at its order's
frozen exchange rate (an order placed without a rate is counted, its discount is not)."""

from decimal import Decimal

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, DecimalField, F, Sum
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Coupon


def validity(coupon: Coupon) -> str:
    start = formats.date_format(coupon.valid_from, "SHORT_DATE_FORMAT")
    end = formats.date_format(coupon.valid_until, "SHORT_DATE_FORMAT")
    return f"{start} – {end}"


def uses_of_limit(coupon: Coupon) -> str:
    return f"{coupon.uses} / {coupon.max_uses if coupon.max_uses is not None else '∞'}"


def coupon_report():
    """Every coupon with `paid_orders` (paid orders that used it) and `discount_total` (their discount in the base
    currency), by code."""
    in_base = F("redemptions__amount") / F("redemptions__order__exchange_rate")
    return Coupon.objects.annotate(
        paid_orders=Count("redemptions"),
        discount_total=Sum(
            in_base, default=Decimal("0.00"), output_field=DecimalField(max_digits=20, decimal_places=2)
        ),
    ).order_by("code")


class CouponReportView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    permission_required = "coupons.view_coupon"
    template_name = "coupons/admin/report.html"
    page_title = _("Coupon report")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        rows = list(coupon_report())
        return super().get_context_data(
            rows=rows,
            total_orders=sum(row.paid_orders for row in rows),
            total_discount=sum((row.discount_total for row in rows), Decimal("0.00")),
            **kwargs,
        )
