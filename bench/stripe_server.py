"""The load topology's Stripe: the test suite's fake of Stripe's API (`checkout.tests.fake_stripe`) as a process of
its own, which also sends the webhooks Stripe would send, signed with the endpoint's secret:

    python -m bench.stripe_server --port 18104 --webhook http://127.0.0.1:18100/payment/webhook/ --secret whsec_…

Events, as Stripe sends them (https://docs.stripe.com/webhooks): `checkout.session.completed` and
`payment_intent.succeeded` when a shopper pays, `checkout.session.expired` when a session is expired (by the
shop, or when its time is over), `charge.refunded` and `refund.created` after a refund. Like Stripe's, delivery
is at least once and in no particular order: each event goes out after a short random wait, some of them late
(`--late` of them, seconds later), some of them twice (`--duplicates`), and an event whose delivery fails or is
answered with anything but a 2xx is delivered again with growing waits (Stripe keeps trying for three days; this
fake for as long as it runs). Each attempt is signed anew with the current time, as Stripe signs.

What a shopper does on Stripe's hosted page, and what the benchmark asks of Stripe, are extra routes:
    POST /test/pay/<session id>      the shopper pays: {"success_url": …} where Checkout sends them back
    POST /test/expire-open           the sessions' time is over: every open session expires (with its event)
    GET  /test/state                 sessions, payments, refunds and every delivery attempt, as JSON
"""

import argparse
import heapq
import itertools
import json
import random
import threading
import time
import urllib.error
import urllib.request
from http.server import ThreadingHTTPServer

import stripe

from checkout.tests.fake_stripe import FakeStripe, _handler

RETRY_WAITS = [1, 2, 5, 10, 20, 30]  # seconds before each further attempt (the last one repeats)
DELIVERY_THREADS = 4


class WebhookStripe(FakeStripe):
    """`FakeStripe` that sends its events to `webhook_url` and answers the shopper's and the benchmark's routes."""

    def __init__(self, webhook_url, secret, *, late=0.1, duplicates=0.1, late_seconds=(5, 20), seed=23):
        super().__init__()
        self.webhook_url, self.secret = webhook_url, secret
        self.late, self.duplicates, self.late_seconds = late, duplicates, late_seconds
        self.random = random.Random(seed)
        self.queue = []  # (when, sequence, event, attempt)
        self.sequence = itertools.count()
        self.deliveries = []  # {"event", "type", "attempt", "status"}
        self.in_flight = 0
        self.wake = threading.Condition()

    # --- the routes ---

    def handle(self, method, path, headers, params):
        if path.startswith("/test/"):
            with self._lock:
                return self._test_route(method, path)
        status, payload = super().handle(method, path, headers, params)
        if status == 200 and method == "POST":
            self._events_after(path, payload)
        return status, payload

    def _test_route(self, method, path):
        if method == "POST" and path.startswith("/test/pay/"):
            session = self.sessions.get(path.removeprefix("/test/pay/"))
            if session is None or session["status"] != "open":
                return 400, {"error": {"message": "This Checkout Session is no longer open"}}
            self.pay(session["id"])
            self._send(self.event("checkout.session.completed", session["id"]))
            intent = {"id": session["payment_intent"], "object": "payment_intent", "status": "succeeded"}
            self._send(self._event("payment_intent.succeeded", intent))
            return 200, {"success_url": session["success_url"].replace("{CHECKOUT_SESSION_ID}", session["id"])}
        if method == "POST" and path == "/test/expire-open":
            expired = [s["id"] for s in self.sessions.values() if s["status"] == "open"]
            for session_id in expired:
                self.sessions[session_id]["status"] = "expired"
                self._send(self.event("checkout.session.expired", session_id))
            return 200, {"expired": expired}
        if method == "GET" and path == "/test/state":
            with self.wake:
                waiting = len(self.queue) + self.in_flight
            state = {
                "sessions": self.sessions,
                "payments": self.payments,
                "refunds": self.refunds,
                "deliveries": self.deliveries,
                "waiting": waiting,
            }
            return 200, json.loads(json.dumps(state))  # a copy: the handler writes it out after the lock
        return 404, {"error": {"message": f"No such test route: {path}"}}

    def _events_after(self, path, payload):
        """The events Stripe sends after an API call of the shop's (called outside the API's lock)."""
        with self._lock:
            if path.endswith("/expire") and payload.get("object") == "checkout.session":
                self._send(self.event("checkout.session.expired", payload["id"]))
            elif path == "/v1/refunds" and payload.get("object") == "refund":
                self._send(self._event("refund.created", dict(payload)))
                self._send(self.charge_event(payload["payment_intent"]))

    # --- delivery ---

    def _send(self, event):
        """Queue `event` (as it is now) for delivery: soon, or late; once, or twice."""
        body = json.dumps(event)
        copies = 2 if self.random.random() < self.duplicates else 1
        for _copy in range(copies):
            wait = self.random.uniform(0.05, 1.0)
            if self.random.random() < self.late:
                wait += self.random.uniform(*self.late_seconds)
            self._schedule(time.monotonic() + wait, body, event["type"], 1)

    def _schedule(self, when, body, event_type, attempt):
        with self.wake:
            heapq.heappush(self.queue, (when, next(self.sequence), body, event_type, attempt))
            self.wake.notify()

    def deliver_forever(self):
        while True:
            with self.wake:
                while not self.queue or self.queue[0][0] > time.monotonic():
                    self.wake.wait(timeout=self.queue[0][0] - time.monotonic() if self.queue else None)
                _when, _seq, body, event_type, attempt = heapq.heappop(self.queue)
                self.in_flight += 1
            try:
                status, balancer = self._post(body)
            finally:
                with self.wake:
                    self.in_flight -= 1
            event_id = json.loads(body)["id"]
            delivery = {
                "event": event_id,
                "type": event_type,
                "attempt": attempt,
                "status": status,
                "balancer": balancer,
            }
            with self._lock:
                self.deliveries.append(delivery)
            if not (isinstance(status, int) and 200 <= status < 300):
                wait = RETRY_WAITS[min(attempt - 1, len(RETRY_WAITS) - 1)]
                self._schedule(time.monotonic() + wait, body, event_type, attempt + 1)

    def _post(self, body):
        """The status the shop answered (or the error's name when it did not answer), and the balancer's word
        (`X-Balancer`) when the balancer answered in its stead."""
        header = stripe.WebhookSignature.generate_signature_header(body, self.secret)
        request = urllib.request.Request(  # noqa: S310 - the shop of this benchmark
            self.webhook_url,
            data=body.encode(),
            headers={"Content-Type": "application/json", "Stripe-Signature": header},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, ""
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("X-Balancer", "")
        except OSError as error:
            return type(error).__name__, ""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--webhook", required=True, help="the shop's webhook URL")
    parser.add_argument("--secret", required=True, help="the webhook endpoint's signing secret")
    parser.add_argument("--late", type=float, default=0.1, help="share of events delivered late (0.1)")
    parser.add_argument("--late-seconds", type=float, nargs=2, default=(5, 20), help="how late (5 20)")
    parser.add_argument("--duplicates", type=float, default=0.1, help="share of events delivered twice (0.1)")
    args = parser.parse_args(argv)
    fake = WebhookStripe(
        args.webhook, args.secret, late=args.late, duplicates=args.duplicates, late_seconds=tuple(args.late_seconds)
    )
    for _number in range(DELIVERY_THREADS):
        threading.Thread(target=fake.deliver_forever, daemon=True).start()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), _handler(fake))
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{args.port}"
    server.serve_forever()


if __name__ == "__main__":
    main()
