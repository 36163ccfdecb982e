"""What must hold after a load run, whatever faults it met (issue #23), checked from the database, the fake
Stripe's own records, the emails the shop wrote to its folder and the load generator's statistics.

`check(...)` returns the broken invariants (each named, with examples); `bench.load` runs it after every run and
exits non-zero when any is broken. Django must be set up on the run's database before this module is imported.

1. Every paid Stripe session is the payment of exactly one paid order (or was given back in full, once, as a
   payment that could not be applied), and every paid order has exactly one paid session, of its total.
2. Each paid order had exactly one confirmation email and exactly one invoice email.
3. Each refund of an order's payment that succeeded has exactly one credit note, emailed exactly once.
4. Stock is never below zero and equals initial − placed + released + restocked for every variant.
5. Each coupon's count of uses equals its redemptions (and its limit is kept).
6. Stripe never refunded more than was paid, and the shop records what Stripe refunded.
7. No 5xx but for requests in flight at a fault, and every webhook answered 2xx in the end.
   The requests in flight at a fault are counted apart: on the web instance SIGKILLed (the balancer's 502
   "upstream lost") or on a PostgreSQL connection terminated mid-request (the shop's 500, its traceback in the
   web logs naming the termination).
8. No order is left pending past its reservation.
"""

import email
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

from django.db.models import Sum
from django.utils import timezone

from checkout.invoices.models import CreditNote, Invoice
from checkout.orders.models import Order, OrderLine
from checkout.refunds.models import Refund, RefundLine
from coupons.models import Coupon, Redemption
from products.models import ProductVariant

ENDED = [Order.Status.CANCELLED, Order.Status.FAILED, Order.Status.EXPIRED]
SEPARATOR = re.compile(rb"^-{79}$", re.M)
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ", re.M)
# What psycopg says when the connection a request was using is terminated under it.
TERMINATED = (
    "terminating connection due to administrator command",
    "server closed the connection unexpectedly",
    "the connection is lost",
)
EXAMPLES = 5


def stock_snapshot() -> dict[int, int]:
    """{variant pk: stock} now: taken before a run, the `initial` of invariant 4."""
    return dict(ProductVariant.objects.values_list("pk", "stock"))


def sent_message_ids(folder: Path) -> Counter:
    """How many times each Message-ID was written by Django's file email backend into `folder`."""
    found = Counter()
    for path in folder.glob("*.log"):
        for raw in SEPARATOR.split(path.read_bytes()):
            if raw.strip():
                found[email.message_from_bytes(raw.lstrip(b"\n")).get("Message-ID", "")] += 1
    return found


def requests_cut_from_the_database(web_logs) -> int:
    """How many requests the shop answered with a 500 (or a webhook with its "retry later" 500) because their
    PostgreSQL connection was terminated under them, from the tracebacks in the web instances' logs."""
    count = 0
    for path in web_logs:
        for record in LOG_RECORD.split(path.read_text(errors="replace")):
            first_line = record.split("\n", 1)[0]
            failed = "Internal Server Error" in first_line or "not stored: database error" in first_line
            count += failed and any(marker in record for marker in TERMINATED)
    return count


def server_error_causes(web_logs) -> Counter:
    """{the exception ending each 500's traceback: count}, from the web instances' logs."""
    causes = Counter()
    for path in web_logs:
        for record in LOG_RECORD.split(path.read_text(errors="replace")):
            if "Internal Server Error" in record.split("\n", 1)[0]:
                lines = [line for line in record.splitlines() if line and not line.startswith((" ", "\t"))]
                causes[lines[-1][:160]] += 1
    return causes


def check(*, initial_stock: dict[int, int], stripe_state: dict, emails: Path, stats: dict, web_logs=()) -> list[str]:
    """Every broken invariant, as a sentence naming it and its first examples; [] when all hold."""
    messages = sent_message_ids(emails)
    broken = []
    for number, invariant in enumerate(
        [
            lambda: paid_sessions_and_orders(stripe_state),
            lambda: order_emails(messages),
            lambda: credit_notes(messages),
            lambda: stock(initial_stock),
            coupons,
            lambda: stripe_refunds(stripe_state),
            lambda: no_server_errors(stats, stripe_state, requests_cut_from_the_database(web_logs)),
            reservations,
        ],
        start=1,
    ):
        problems = invariant()
        if problems:
            more = f"; … {len(problems) - EXAMPLES} more" if len(problems) > EXAMPLES else ""
            examples = "; ".join(problems[:EXAMPLES]) + more
            broken.append(f"{number}. {invariant_name(number)}: {examples}")
    return broken


def invariant_name(number: int) -> str:
    return __doc__.split(f"\n{number}. ")[1].split("\n")[0].rstrip(",")


def paid_with(order) -> str:
    """The provider's id of the payment that paid `order`, or ''."""
    payment = order.payments.paying()
    return payment.payment_intent_id if payment else ""


def paid_sessions_and_orders(state) -> list[str]:
    problems = []
    orders = {o.number: o for o in Order.objects.all()}
    made_good = set(
        Refund.objects.filter(kind=Refund.Kind.AUTOMATIC, status=Refund.Status.SUCCEEDED).values_list(
            "payment_intent_id", flat=True
        )
    )
    paid_by_order = Counter()
    for session in state["sessions"].values():
        if session["payment_status"] != "paid":
            continue
        order = orders.get(session["client_reference_id"])
        intent = session["payment_intent"]
        if order and order.status in Order.PAID_STATUSES and paid_with(order) == intent:
            paid_by_order[order.number] += 1
            if session["amount_total"] != int(order.total * 100):
                problems.append(f"{order.number} paid {session['amount_total']} for a total of {order.total}")
        elif intent in made_good:
            payment = state["payments"][intent]
            if payment["amount_refunded"] != payment["amount"]:
                problems.append(f"session {session['id']} was not applied, but not given back in full")
        else:
            status = order.status if order else "no order"
            problems.append(f"session {session['id']} paid, its order {session['client_reference_id']} is {status}")
    for order in orders.values():
        if order.status in Order.PAID_STATUSES and paid_by_order[order.number] != 1:
            problems.append(f"{order.number} is {order.status} with {paid_by_order[order.number]} paid sessions")
    return problems


def order_emails(messages) -> list[str]:
    problems = []
    for number in Order.objects.paid().values_list("number", flat=True):
        for kind in ("confirmation", "invoice"):
            count = sum(n for message_id, n in messages.items() if message_id.startswith(f"<order-{number}.{kind}@"))
            if count != 1:
                problems.append(f"{number}: {count} {kind} emails")
    return problems


def credit_notes(messages) -> list[str]:
    problems = []
    for refund in Refund.objects.credited().select_related("order"):
        notes = list(CreditNote.objects.filter(refund=refund))
        if len(notes) != 1:
            problems.append(f"refund {refund.pk} of {refund.order.number}: {len(notes)} credit notes")
            continue
        wanted = f"<order-{refund.order.number}.credit-note-{notes[0].display_number}@"
        count = sum(n for message_id, n in messages.items() if message_id.startswith(wanted))
        if count != 1:
            problems.append(f"credit note {notes[0].display_number}: {count} emails")
    return problems


def stock(initial) -> list[str]:
    problems = []
    lines = OrderLine.objects.filter(variant__isnull=False)
    placed = dict(lines.values("variant").annotate(n=Sum("quantity")).values_list("variant", "n"))
    ended = lines.filter(order__status__in=ENDED)
    released = dict(ended.values("variant").annotate(n=Sum("quantity")).values_list("variant", "n"))
    restocked = dict(
        RefundLine.objects.filter(restock=True, refund__restocked=True, order_line__variant__isnull=False)
        .values("order_line__variant")
        .annotate(n=Sum("quantity"))
        .values_list("order_line__variant", "n")
    )
    for pk, now in ProductVariant.objects.values_list("pk", "stock"):
        expected = initial.get(pk, 0) - placed.get(pk, 0) + released.get(pk, 0) + restocked.get(pk, 0)
        if now < 0 or now != expected:
            problems.append(f"variant {pk}: stock {now}, expected {expected}")
    return problems


def coupons() -> list[str]:
    problems = []
    for coupon in Coupon.objects.all():
        redemptions = Redemption.objects.filter(coupon=coupon).count()
        if coupon.uses != redemptions:
            problems.append(f"{coupon.code}: {coupon.uses} uses, {redemptions} redemptions")
        if coupon.max_uses is not None and coupon.uses > coupon.max_uses:
            problems.append(f"{coupon.code}: {coupon.uses} uses of at most {coupon.max_uses}")
    return problems


def stripe_refunds(state) -> list[str]:
    problems = []
    for intent, payment in state["payments"].items():
        if payment["amount_refunded"] > payment["amount"]:
            problems.append(f"{intent}: refunded {payment['amount_refunded']} of {payment['amount']}")
    for order in Order.objects.filter(payments__isnull=False).distinct():
        payment = state["payments"].get(paid_with(order))
        if payment and Decimal(payment["amount_refunded"]) / 100 != order.refunded_amount:
            problems.append(
                f"{order.number}: Stripe refunded {payment['amount_refunded']} (minor units), "
                f"the shop recorded {order.refunded_amount}"
            )
    return problems


def no_server_errors(stats, state, cut_from_the_database=0) -> list[str]:
    """The 5xx answers no fault explains: the balancer's "upstream lost" answers are the requests in flight on the
    killed instance; as many of the shop's 500s (page or webhook) as tracebacks name a terminated connection are
    the requests in flight on it."""
    problems = []
    shop_errors = [error for error in stats.get("server_errors", []) if not error["balancer"]]
    # A delivery in flight on the killed instance is answered by the balancer ("upstream lost"), like the POSTs
    # above; Stripe delivers it again, and the last answer to every event must still be a 200 (below).
    answered = [
        d["status"]
        for d in state["deliveries"]
        if isinstance(d["status"], int) and d.get("balancer") != "upstream lost"
    ]
    webhook_5xx = Counter(status for status in answered if status >= 500)
    unexplained = sum(e["count"] for e in shop_errors) + sum(webhook_5xx.values()) - cut_from_the_database
    if unexplained > 0:
        problems += [f"{error['count']} × {error['status']} on {error['name']}" for error in shop_errors]
        problems += [f"{count} webhook deliveries answered {status}" for status, count in webhook_5xx.items()]
        problems.append(f"of which {cut_from_the_database} explained by terminated database connections")
    problems += [
        f"{error['count']} × {error['status']} on {error['name']} from the balancer ({error['balancer']})"
        for error in stats.get("server_errors", [])
        if error["balancer"] and error["balancer"] != "upstream lost"
    ]
    final = {}
    for delivery in state["deliveries"]:
        final[delivery["event"]] = delivery["status"]
    problems += [f"webhook {event} last answered {status}" for event, status in final.items() if status != 200]
    return problems


def reservations() -> list[str]:
    overdue = Order.objects.filter(status=Order.Status.PENDING, reserved_until__lte=timezone.now())
    return [f"{number} pending past its reservation" for number in overdue.values_list("number", flat=True)]


def summary(state, emails: Path) -> dict:
    """What the run left behind, for the report: orders by status, refunds, credit notes, emails, webhooks."""
    messages = sent_message_ids(emails)
    return {
        "orders": dict(Counter(Order.objects.values_list("status", flat=True))),
        "refunds": dict(Counter(f"{kind} {status}" for kind, status in Refund.objects.values_list("kind", "status"))),
        "invoices": Invoice.objects.count(),
        "credit notes": CreditNote.objects.count(),
        "emails": sum(messages.values()),
        "redemptions": Redemption.objects.count(),
        "webhook deliveries": len(state["deliveries"]),
        "webhook events": len({d["event"] for d in state["deliveries"]}),
        "paid sessions": sum(1 for s in state["sessions"].values() if s["payment_status"] == "paid"),
    }
