"""Paid orders as the purchase history behind "Bought together" (`products.recommender` asks through its
`PurchaseHistory` interface; `settings.PURCHASE_HISTORY` names `PaidOrderLines`).

Paid order lines are the truth: the Redis scores are recorded from them once per order after the payment
commits (`record_paid_order`), rebuilt from `baskets()`, and the database recommender and the admin report
(`top_pairs`) read them directly.
"""

import logging
from itertools import groupby

from django.db.models import CharField, Count, F, Value
from django.db.models.functions import Cast, Concat

from products.recommender import PurchaseHistory, record_purchase

from .models import Order, OrderLine

logger = logging.getLogger(__name__)


def _paid_lines():
    return OrderLine.objects.filter(order__status__in=Order.PAID_STATUSES)


class PaidOrderLines(PurchaseHistory):
    """The lines of paid orders (shipped or not): one aggregate query per question."""

    def ranked_with(self, product_ids, k):
        # The join on the order's lines yields one row per (candidate line, input line) of a paid order; a
        # candidate's count is the number of distinct (order, input product) pairs, i.e. the sum over the inputs
        # of the orders it shares with each (Redis's ZUNION sum), two variants of one product counting once.
        pair = Concat(Cast("order_id", CharField()), Value(":"), Cast("order__lines__product_id", CharField()))
        rows = (
            _paid_lines()
            .filter(order__lines__product_id__in=product_ids)
            .exclude(product_id__in=product_ids)
            .values("product_id")
            .annotate(score=Count(pair, distinct=True))
            .order_by("-score", "product_id")[:k]
        )
        return [row["product_id"] for row in rows]

    def baskets(self):
        lines = _paid_lines().order_by("order_id", "product_id").values_list("order_id", "product_id")
        for order_id, rows in groupby(lines.iterator(chunk_size=2000), key=lambda row: row[0]):
            yield order_id, list(dict.fromkeys(product_id for _order, product_id in rows))


def top_pairs():
    """Paid co-purchases per pair of products (first id < second id), most frequent first: the database truth.
    Orders are counted once per pair, however many variants of either product they hold."""
    return (
        _paid_lines()
        .filter(order__lines__product_id__gt=F("product_id"))
        .values("product_id", partner_id=F("order__lines__product_id"))
        .annotate(orders=Count("order", distinct=True))
        .order_by("-orders", "product_id", "partner_id")
    )


def record_paid_order(order: Order) -> bool:
    """Count a paid order's products as bought together, once per order; False for an unpaid order (or when
    Redis did not count it: see `products.recommender.record_purchase`)."""
    if not order.is_paid:
        logger.info("Order %s is %s, not paid: its co-purchases are not recorded", order.number, order.status)
        return False
    product_ids = dict.fromkeys(order.lines.values_list("product_id", flat=True))  # variants of one count once
    return record_purchase(order.pk, product_ids, label=order.number)
