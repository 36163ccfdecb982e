"""A local fake of the part of Stripe's HTTP API the shop uses, for tests: no network, real HTTP.

It runs a small threaded `http.server` on 127.0.0.1 and answers, like Stripe:
    POST /v1/coupons                          create a coupon
    POST /v1/checkout/sessions                create a Checkout session (amount from line items, coupon and the
                                              first of its `shipping_options`, which Checkout selects by default)
    GET  /v1/checkout/sessions/<id>           retrieve it
    POST /v1/checkout/sessions/<id>/expire    expire an open one
    POST /v1/refunds                          refund (part of) a payment intent's charge
Amounts are integers in the currency's smallest unit (cents, kopecks; whole yen for Stripe's zero-decimal
currencies); every line item, the shipping rate and an `amount_off` coupon must be in one currency, as Stripe
requires. A session whose total is above zero and below Stripe's minimum charge in its currency is refused as
Stripe refuses it; one whose total is zero (a 100% discount) completes with `payment_status`
"no_payment_required" and no payment.
A repeated `Idempotency-Key` gets the first answer again. Every request is recorded (method, path,
headers, decoded form parameters). `fail_next()` and `delay` simulate outages and timeouts; `pay()` and
`event()` play the shopper paying and the event Stripe would then send; `refund_in_dashboard()`,
`charge_event()`, `refund_event()` and `dispute_event()` play a refund made in Stripe's dashboard and the events
about refunds and disputes. A refund is refused as Stripe refuses it: more than what is left of the charge
(`amount_too_large`), a charge refunded in full already (`charge_already_refunded`), an unknown payment.
"""

import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl


def decode_form(body: str) -> dict:
    """Stripe's form encoding (`line_items[0][price_data][currency]=usd`) back into dicts and lists."""
    root: dict = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _listify(root)


def _listify(node):
    if not isinstance(node, dict):
        return node
    if node and all(key.isdigit() for key in node):
        return [_listify(node[key]) for key in sorted(node, key=int)]
    return {key: _listify(value) for key, value in node.items()}


# Stripe's minimum charge per currency, in minor units (Stripe's "Minimum and maximum charge amounts"; the shop
# keeps its own copy in `storefront.money`, this one is the fake's), and its zero-decimal currencies (amounts in
# whole units: ¥50 is 50).
MINIMUM_CHARGE = {"usd": 50, "eur": 50, "gbp": 30, "jpy": 50, "chf": 50, "sek": 300, "pln": 200, "czk": 1500}
ZERO_DECIMAL = {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf"}


def _major(amount: int, currency: str) -> str:
    """An amount in minor units as Stripe's messages write it: "0.50 eur", "50 jpy"."""
    return f"{amount} {currency}" if currency in ZERO_DECIMAL else f"{amount / 100:.2f} {currency}"


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict
    params: dict


@dataclass
class FakeStripe:
    sessions: dict = field(default_factory=dict)
    payments: dict = field(default_factory=dict)
    refunds: dict = field(default_factory=dict)
    # The status a new refund gets ("pending" for the bank transfers Stripe confirms later).
    refund_status: str = "succeeded"
    coupons: dict = field(default_factory=dict)
    shipping_rates: dict = field(default_factory=dict)
    requests: list = field(default_factory=list)
    idempotent: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    delay: float = 0
    url: str = ""

    def __post_init__(self):
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    # --- test controls ---

    def fail_next(self, times=1, status=500):
        self.failures.extend([status] * times)

    def requests_to(self, method, path):
        return [r for r in self.requests if r.method == method and r.path == path]

    def pay(self, session_id, *, amount_total=None, currency=None, payment_status="paid"):
        """The shopper pays on the hosted page: the session completes (with nothing to pay at a zero total)."""
        session = self.sessions[session_id]
        if session["amount_total"] == 0 and amount_total is None:
            session.update(status="complete", payment_status="no_payment_required")
            return session
        session.update(status="complete", payment_status=payment_status, payment_intent=f"pi_{session_id}")
        if amount_total is not None:
            session["amount_total"] = amount_total
        if currency is not None:
            session["currency"] = currency
        self.payments[session["payment_intent"]] = {
            "charge": f"ch_{session_id}",
            "amount": session["amount_total"],
            "currency": session["currency"],
            "amount_refunded": 0,
        }
        return session

    def add_payment(self, payment_intent, amount, currency="usd"):
        """A payment Stripe holds (as after `pay()`), for tests that build the session themselves."""
        self.payments[payment_intent] = {
            "charge": f"ch_{payment_intent}",
            "amount": amount,
            "currency": currency,
            "amount_refunded": 0,
        }

    def refund_in_dashboard(self, payment_intent, amount=None):
        """Someone refunds the payment in Stripe's dashboard (not through the shop)."""
        with self._lock:
            params = (
                {"payment_intent": payment_intent}
                if amount is None
                else {"payment_intent": payment_intent, "amount": amount}
            )
            status, refund = self._create_refund(params)
        assert status == 200, refund
        return refund

    def charge_event(self, payment_intent, event_type="charge.refunded", event_id=None):
        """The charge of a payment as Stripe describes it now (`charge.refunded` after any refund)."""
        payment = self.payments[payment_intent]
        charge = {
            "id": payment["charge"],
            "object": "charge",
            "amount": payment["amount"],
            "amount_refunded": payment["amount_refunded"],
            "currency": payment["currency"],
            "payment_intent": payment_intent,
            "refunded": payment["amount_refunded"] == payment["amount"],
            "status": "succeeded",
        }
        return self._event(event_type, charge, event_id)

    def refund_event(self, refund_id, event_type="refund.updated", event_id=None):
        return self._event(event_type, dict(self.refunds[refund_id]), event_id)

    def dispute_event(self, payment_intent, event_id=None, reason="fraudulent"):
        payment = self.payments[payment_intent]
        dispute = {
            "id": f"dp_{next(self._ids):06d}",
            "object": "dispute",
            "amount": payment["amount"],
            "currency": payment["currency"],
            "charge": payment["charge"],
            "payment_intent": payment_intent,
            "reason": reason,
            "status": "needs_response",
        }
        return self._event("charge.dispute.created", dispute, event_id)

    def _event(self, event_type, data_object, event_id=None):
        return {
            "id": event_id or f"evt_{next(self._ids):06d}",
            "object": "event",
            "type": event_type,
            "api_version": "2026-10-28.endive",
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": data_object},
        }

    def event(self, event_type, session_id, event_id=None):
        """The event Stripe sends about the session, as it is now."""
        return self._event(event_type, dict(self.sessions[session_id]), event_id)

    # --- the API ---

    def handle(self, method, path, headers, params):
        with self._lock:
            self.requests.append(Recorded(method, path, headers, params))
            if self.failures:
                return self.failures.pop(0), {"error": {"type": "api_error", "message": "Fake Stripe is down"}}
            key = headers.get("Idempotency-Key")
            if method == "POST" and key and key in self.idempotent:
                return self.idempotent[key]
            answer = self._route(method, path, params)
            if method == "POST" and key:
                self.idempotent[key] = answer
            return answer

    def _route(self, method, path, params):
        if method == "POST" and path == "/v1/coupons":
            coupon = {"id": f"co_{next(self._ids):06d}", "object": "coupon", "valid": True, **params}
            coupon["amount_off"] = int(params["amount_off"])
            self.coupons[coupon["id"]] = coupon
            return 200, coupon
        if method == "POST" and path == "/v1/checkout/sessions":
            return self._create_session(params)
        if method == "POST" and path == "/v1/refunds":
            return self._create_refund(params)
        match = re.fullmatch(r"/v1/checkout/sessions/([^/]+)(/expire)?", path)
        if match and match[1] in self.sessions:
            session = self.sessions[match[1]]
            if method == "GET" and not match[2]:
                return 200, session
            if method == "POST" and match[2]:
                if session["status"] != "open":
                    return 400, _error(f"Only open sessions can be expired, this one is {session['status']}")
                session["status"] = "expired"
                return 200, session
        return 404, _error(f"No such resource: {path}", code="resource_missing")

    def _create_session(self, params):
        items = params.get("line_items", [])
        subtotal = sum(int(i["price_data"]["unit_amount"]) * int(i["quantity"]) for i in items)
        currency = items[0]["price_data"]["currency"] if items else "usd"
        if any(item["price_data"]["currency"] != currency for item in items):
            return 400, _error("All line items must use the same currency.", code="parameter_invalid")
        discount = 0
        for entry in params.get("discounts", []):
            coupon = self.coupons[entry["coupon"]]
            if coupon.get("currency") != currency:
                message = f"The coupon's currency ({coupon.get('currency')}) must match the session's ({currency})."
                return 400, _error(message, code="parameter_invalid")
            discount += coupon["amount_off"]
        status, shipping = self._shipping_options(params, currency)
        if status != 200:
            return status, shipping
        # Stripe: discounts apply to the line items only; the selected shipping rate is added after them.
        shipping_amount = shipping[0]["shipping_amount"] if shipping else 0
        total = max(subtotal - discount, 0) + shipping_amount
        minimum = MINIMUM_CHARGE.get(currency, 50)
        if 0 < total < minimum:
            message = f"The Checkout Session's total amount due must add up to at least {_major(minimum, currency)}"
            return 400, _error(message, code="amount_too_small")
        session_id = f"cs_test_{next(self._ids):06d}"
        session = {
            "id": session_id,
            "object": "checkout.session",
            "url": f"https://checkout.stripe.test/c/pay/{session_id}",
            "status": "open",
            "payment_status": "unpaid",
            "amount_subtotal": subtotal,
            "amount_total": total,
            "currency": currency,
            "client_reference_id": params.get("client_reference_id"),
            "customer_email": params.get("customer_email"),
            "locale": params.get("locale"),
            "metadata": params.get("metadata", {}),
            "expires_at": int(params["expires_at"]),
            "success_url": params.get("success_url"),
            "cancel_url": params.get("cancel_url"),
            "payment_intent": None,
            "livemode": False,
            "shipping_options": shipping,
            "shipping_cost": (
                {
                    "amount_subtotal": shipping_amount,
                    "amount_tax": 0,
                    "amount_total": shipping_amount,
                    "shipping_rate": shipping[0]["shipping_rate"],
                }
                if shipping
                else None
            ),
            "total_details": {
                "amount_discount": min(discount, subtotal),
                "amount_shipping": shipping_amount,
                "amount_tax": 0,
            },
        }
        self.sessions[session_id] = session
        return 200, session

    def _shipping_options(self, params, currency):
        """Stripe's rules for `shipping_options`: payment mode only, at most 5, each a `shipping_rate` id or
        `shipping_rate_data` of type fixed_amount with a display name and an amount >= 0 in the session's currency.
        The created rates are kept in `shipping_rates`; the session lists {shipping_amount, shipping_rate}."""
        options = params.get("shipping_options") or []
        if not options:
            return 200, []
        if params.get("mode") != "payment":
            return 400, _error("shipping_options can only be used in `payment` mode.", code="parameter_invalid")
        if len(options) > 5:
            return 400, _error("You may only specify up to 5 shipping options.", code="parameter_invalid")
        listed = []
        for option in options:
            data = option.get("shipping_rate_data")
            if data is None:
                rate = self.shipping_rates.get(option.get("shipping_rate"))
                if rate is None:
                    return 400, _error("No such shipping rate", code="resource_missing")
            else:
                if not data.get("display_name"):
                    return 400, _error("Missing required param: display_name.", code="parameter_missing")
                fixed = data.get("fixed_amount") or {}
                if data.get("type", "fixed_amount") != "fixed_amount" or "amount" not in fixed:
                    return 400, _error("Missing required param: fixed_amount[amount].", code="parameter_missing")
                if int(fixed["amount"]) < 0:
                    return 400, _error("fixed_amount[amount] must be greater than or equal to 0.")
                if fixed.get("currency") != currency:
                    return 400, _error("The shipping rate's currency must match the line items' currency.")
                rate = {
                    "id": f"shr_{next(self._ids):06d}",
                    "object": "shipping_rate",
                    "type": "fixed_amount",
                    "display_name": data["display_name"],
                    "fixed_amount": {"amount": int(fixed["amount"]), "currency": fixed["currency"]},
                    "delivery_estimate": data.get("delivery_estimate"),
                    "metadata": data.get("metadata", {}),
                }
                self.shipping_rates[rate["id"]] = rate
            listed.append({"shipping_amount": rate["fixed_amount"]["amount"], "shipping_rate": rate["id"]})
        return 200, listed

    def _create_refund(self, params):
        payment = self.payments.get(params.get("payment_intent"))
        if payment is None:
            return 404, _error(f"No such payment_intent: '{params.get('payment_intent')}'", code="resource_missing")
        left = payment["amount"] - payment["amount_refunded"]
        if left == 0:
            return 400, _error(f"Charge {payment['charge']} has already been refunded.", code="charge_already_refunded")
        amount = int(params.get("amount", left))
        if amount > left:
            message = (
                f"Refund amount ({amount / 100:.2f}) is greater than unrefunded amount on charge ({left / 100:.2f})"
            )
            return 400, _error(message, code="amount_too_large")
        payment["amount_refunded"] += amount
        refund = {
            "id": f"re_{next(self._ids):06d}",
            "object": "refund",
            "amount": amount,
            "currency": payment["currency"],
            "charge": payment["charge"],
            "payment_intent": params["payment_intent"],
            "reason": params.get("reason"),
            "metadata": params.get("metadata", {}),
            "status": self.refund_status,
            "created": int(time.time()),
        }
        self.refunds[refund["id"]] = refund
        return 200, refund


def _error(message, code=None):
    return {"error": {"type": "invalid_request_error", "message": message, "code": code}}


def _handler(fake: FakeStripe):
    class Handler(BaseHTTPRequestHandler):
        def _answer(self, method):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            path, _, query = self.path.partition("?")
            params = decode_form(body or query)
            if fake.delay:
                time.sleep(fake.delay)
            status, payload = fake.handle(method, path, dict(self.headers), params)
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", f"req_{id(payload)}")
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

        def do_GET(self):  # noqa: N802 (http.server's naming)
            self._answer("GET")

        def do_POST(self):  # noqa: N802
            self._answer("POST")

        def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
            pass

    return Handler


class FakeStripeServer:
    """Start with `with FakeStripeServer() as fake:`; `fake.url` is the STRIPE_API_BASE to use."""

    def __enter__(self) -> FakeStripe:
        self.fake = FakeStripe()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.fake))
        self.server.daemon_threads = True
        self.fake.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self.fake

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
