"""A local fake of the part of Stripe's HTTP API the shop uses, for tests: no network, real HTTP.

It runs a small threaded `http.server` on 127.0.0.1 and answers, like Stripe:
    POST /v1/coupons                          create a coupon
    POST /v1/checkout/sessions                create a Checkout session (amount from line items and coupon)
    GET  /v1/checkout/sessions/<id>           retrieve it
    POST /v1/checkout/sessions/<id>/expire    expire an open one
A session whose total is above zero and below Stripe's minimum charge is refused as Stripe refuses it; one
whose total is zero (a 100% discount) completes with `payment_status` "no_payment_required" and no payment.
A repeated `Idempotency-Key` gets the first answer again. Every request is recorded (method, path,
headers, decoded form parameters). `fail_next()` and `delay` simulate outages and timeouts; `pay()` and
`event()` play the shopper paying and the event Stripe would then send.
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


# Stripe's minimum charge per currency, in minor units (Stripe's documentation; the shop keeps its own copy).
MINIMUM_CHARGE = {"usd": 50, "eur": 50, "gbp": 30}


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict
    params: dict


@dataclass
class FakeStripe:
    sessions: dict = field(default_factory=dict)
    coupons: dict = field(default_factory=dict)
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
        return session

    def event(self, event_type, session_id, event_id=None):
        """The event Stripe sends about the session, as it is now."""
        return {
            "id": event_id or f"evt_{next(self._ids):06d}",
            "object": "event",
            "type": event_type,
            "api_version": "2026-10-28.endive",
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": dict(self.sessions[session_id])},
        }

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
        discount = 0
        for entry in params.get("discounts", []):
            discount += self.coupons[entry["coupon"]]["amount_off"]
        total = max(subtotal - discount, 0)
        currency = items[0]["price_data"]["currency"] if items else "usd"
        minimum = MINIMUM_CHARGE.get(currency, 50)
        if 0 < total < minimum:
            message = f"The Checkout Session's total amount due must add up to at least {minimum / 100:.2f} {currency}"
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
        }
        self.sessions[session_id] = session
        return 200, session


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
