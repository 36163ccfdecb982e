"""The people of a load run, as a Locust file: `bench.load` runs it headless (`locust -f bench/shoppers.py`).

- `Shopper` (most users): browses in English, Spanish or Russian (home, categories, products, search), picks a
  variant, adds to the cart, sometimes applies a discount code, chooses the shipping method for their country,
  checks out and pays on the fake Stripe's hosted page; some close the tab before coming back (the webhook alone
  tells the shop), some never pay (the reservation ends).
- `Customer`: signs in with a verified account, buys the same way, then looks at their orders.
- `ShopManager`: signs in to the admin, opens paid orders, marks them shipped or refunds them (in full or one
  unit, back to stock), through the admin's own forms.

Everything the users need (addresses in each language, discount codes, accounts, the fake Stripe's address) comes
from the plan `bench.load` writes (`LOAD_PLAN`); the statistics go to `LOAD_STATS` when Locust quits: for each
request name its count, failures, median, p95 and p99 in ms, and every 5xx (the balancer's own, when an instance
died mid-request, marked apart).
"""

import json
import os
import random
import re
import uuid
from collections import Counter

from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["LOAD_PLAN"]).read()) if os.environ.get("LOAD_PLAN") else {}  # noqa: SIM115
STATUSES = Counter()  # (name, status, the balancer's reason when it answered itself, else "")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VARIANT_INPUT = re.compile(r'name="variant"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="variant"')
SHIPPING_INPUT = re.compile(r'name="shipping_method"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="shipping_method"')
SUBMISSION_KEY = re.compile(r'name="submission_key"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="submission_key"')
PAY_FORM = re.compile(r'action="([^"]*/pay/)"')
REFUND_UNITS = re.compile(r'name="units_(\d+)"')
SESSION_ID = re.compile(r"/(cs_[A-Za-z0-9_]+)$")


def first(match) -> str:
    return next(group for group in match.groups() if group) if match else ""


class Person(HttpUser):
    abstract = True

    def on_start(self):
        # The address a CDN in front would report: every person a client of their own (allauth's and the discount
        # codes' limits per address see people, not the benchmark's one machine).
        self.address = f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"
        self.client.headers["X-Forwarded-For"] = self.address
        self.language = random.choice(list(PLAN["languages"]))
        self.urls = PLAN["languages"][self.language]

    def get(self, path, name, **kwargs):
        return self.sent_back(self.client.get(path, name=name, **kwargs))

    def post(self, path, name, data, **kwargs):
        response = self.client.post(path, data=data, name=name, headers={"Referer": self.host + path}, **kwargs)
        return self.sent_back(response)

    def sent_back(self, response):
        """Cookies marked Secure (the CSRF cookie in production) are sent back over this benchmark's plain HTTP, as
        a browser sends them over the TLS that ends at the balancer in production (there is none on 127.0.0.1)."""
        for cookie in self.client.cookies:
            cookie.secure = False
        return response

    def token(self, page_text=None) -> str:
        found = CSRF_INPUT.search(page_text or "")
        if found:
            return found[1]
        return self.get("/csrf/", "csrf").json()["token"]

    # --- what shoppers and customers both do ---

    def browse(self):
        self.get(self.urls["home"], "home")
        self.get(random.choice(self.urls["categories"]), "category")
        if random.random() < 0.4:
            self.get(f"{self.urls['search']}?q={random.choice(self.urls['words'])}", "search")
        for _ in range(random.randint(1, 3)):
            product = random.choice(self.urls["products"])
            page = self.get(product, "product")
        return product, page

    def add_to_cart(self, product, page) -> bool:
        variants = [first(m) for m in VARIANT_INPUT.finditer(page.text)]
        if not variants:
            return False
        data = {"variant": random.choice(variants), "quantity": random.randint(1, 2), "next": product}
        data["csrfmiddlewaretoken"] = self.token()
        self.post(self.urls["cart_add"], "cart add", data)
        return True

    def buy(self, email) -> str:
        """Cart, maybe a code, checkout with shipping, pay (or not): the order page's path, or ''."""
        cart = self.get(self.urls["cart"], "cart")
        if PLAN["coupons"] and random.random() < 0.3:
            data = {"code": random.choice(PLAN["coupons"]), "csrfmiddlewaretoken": self.token(cart.text)}
            cart = self.post(self.urls["coupon_apply"], "coupon apply", data)
        form = self.get(self.urls["checkout"], "checkout form")
        if not SUBMISSION_KEY.search(form.text):
            return ""  # the cart emptied (sold out meanwhile)
        country = random.choice(self.urls["countries"])
        details = {
            "first_name": "Load",
            "last_name": f"Shopper {uuid.uuid4().hex[:6]}",
            "email": email,
            "address": "1 Benchmark Street",
            "postal_code": "08001",
            "city": "Barcelona",
            "country": country,
            "submission_key": first(SUBMISSION_KEY.search(form.text)),
            "csrfmiddlewaretoken": self.token(form.text),
        }
        shipping = self.post(self.urls["checkout"], "checkout shipping", {**details, "update_shipping": "1"})
        methods = [first(m) for m in SHIPPING_INPUT.finditer(shipping.text)]
        if methods:
            details["shipping_method"] = random.choice(methods)
        placed = self.post(self.urls["checkout"], "checkout place", details)
        pay_form = PAY_FORM.search(placed.text)
        if not pay_form:
            return ""  # refused (out of stock, ...): the shopper reads why and leaves
        if random.random() < 0.1:
            return ""  # never pays: the reservation ends
        started = self.post(
            pay_form[1], "pay start", {"csrfmiddlewaretoken": self.token(placed.text)}, allow_redirects=False
        )
        session = SESSION_ID.search(started.headers.get("Location", ""))
        if not session or random.random() < 0.05:
            return ""  # leaves Stripe's page without paying
        with self.client.post(
            f"{PLAN['stripe']}/test/pay/{session[1]}", name="stripe: pay", catch_response=True
        ) as paid:
            if paid.status_code != 200:
                paid.success()  # the session closed meanwhile (a newer attempt, expiry): Stripe says so
                return ""
        if random.random() < 0.85:  # the others close the tab: only the webhook tells the shop
            self.get(paid.json()["success_url"], "payment return")
        return pay_form[1]

    def new_session(self):
        self.client.cookies.clear()


class Shopper(Person):
    weight = 12
    wait_time = between(1, 5)

    @task
    def shop(self):
        product, page = self.browse()
        if random.random() < 0.6 and self.add_to_cart(product, page):
            if random.random() < 0.5:
                product, page = self.browse()
                self.add_to_cart(product, page)
            if random.random() < 0.75:
                self.buy(f"shopper-{uuid.uuid4().hex[:10]}@load.example")
        self.new_session()


class Customer(Person):
    weight = 2
    wait_time = between(2, 6)

    def on_start(self):
        super().on_start()
        account = random.choice(PLAN["customers"])
        self.email = account["email"]
        login = self.get(self.urls["login"], "sign in form")
        data = {"login": account["email"], "password": account["password"]}
        self.post(self.urls["login"], "sign in", {**data, "csrfmiddlewaretoken": self.token(login.text)})

    @task(3)
    def shop(self):
        product, page = self.browse()
        if self.add_to_cart(product, page):
            self.buy(self.email)

    @task(2)
    def orders(self):
        listing = self.get(self.urls["orders"], "account orders")
        numbers = re.findall(r"SF-\d{6}", listing.text)
        if numbers:
            self.get(f"{self.urls['orders']}{random.choice(numbers)}/", "account order")


class ShopManager(Person):
    fixed_count = 1
    wait_time = between(2, 4)

    def on_start(self):
        super().on_start()
        login = self.get("/admin/login/", "admin sign in form")
        manager = PLAN["manager"]
        data = {**manager, "csrfmiddlewaretoken": self.token(login.text), "next": "/admin/"}
        self.post("/admin/login/", "admin sign in", data)

    @task
    def handle_paid_orders(self):
        listing = self.get(f"{PLAN['admin_orders']}?status=paid", "admin orders")
        orders = re.findall(rf'href="({re.escape(PLAN["admin_orders"])}(\d+)/)"', listing.text)
        if not orders:
            return
        path, _pk = random.choice(orders)
        detail = self.get(path, "admin order")
        token = self.token(detail.text)
        if random.random() < 0.6:
            self.post(f"{path}ship/", "admin ship", {"csrfmiddlewaretoken": token, "note": "Shipped (load run)"})
            return
        data = {"csrfmiddlewaretoken": token, "request_key": uuid.uuid4().hex, "reason": "Load run"}
        lines = REFUND_UNITS.findall(detail.text)
        if lines and random.random() < 0.5:
            line = random.choice(lines)
            data.update({f"units_{line}": "1", f"restock_{line}": "on"})
        else:
            data["everything"] = "on"
            data.update({f"restock_{line}": "on" for line in lines if random.random() < 0.5})
        self.post(f"{path}refund/", "admin refund", data)


@events.request.add_listener
def count_status(name, response=None, exception=None, **_kwargs):
    status = getattr(response, "status_code", 0) or 0
    if status >= 500:
        STATUSES[(name, status, response.headers.get("X-Balancer", ""))] += 1


@events.quitting.add_listener
def write_stats(environment, **_kwargs):
    if not os.environ.get("LOAD_STATS"):
        return
    stats = environment.stats
    endpoints = {}
    for (name, method), entry in sorted(stats.entries.items()):
        endpoints[f"{method} {name}"] = {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "p50": entry.get_response_time_percentile(0.5),
            "p95": entry.get_response_time_percentile(0.95),
            "p99": entry.get_response_time_percentile(0.99),
            "rps": entry.total_rps,
        }
    total = stats.total
    summary = {
        "endpoints": endpoints,
        "total": {
            "requests": total.num_requests,
            "failures": total.num_failures,
            "rps": total.total_rps,
            "p50": total.get_response_time_percentile(0.5),
            "p95": total.get_response_time_percentile(0.95),
            "p99": total.get_response_time_percentile(0.99),
            "seconds": (total.last_request_timestamp or 0) - (total.start_time or 0),
        },
        "errors": [
            {"name": f"{e.method} {e.name}", "error": str(e.error), "occurrences": e.occurrences}
            for e in stats.errors.values()
        ],
        "server_errors": [
            {"name": name, "status": status, "balancer": balancer, "count": count}
            for (name, status, balancer), count in sorted(STATUSES.items())
        ],
    }
    with open(os.environ["LOAD_STATS"], "w") as output:
        json.dump(summary, output, indent=1)
