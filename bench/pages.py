"""Page throughput against a bare Django render, at 1,000 and 100,000 products (issue #13).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/storefront_bench REDIS_URL=redis://127.0.0.1:6379/14 \\
        .venv/bin/python -m bench.pages [--sizes 1000,100000] [--rounds 3] [--seconds 4] [--keep] [--overrides 500]

What it does:
1. Creates and migrates a database of its own (`<name>_pages`), loads the demo shop (`load_demo_data`: three
   languages, pictures, "bought together" blocks) and grows the catalog with generated products in bulk
   (`bench.search_latency.Catalog`: Product, Page and ProductPage rows with their tree paths computed, and real
   search index entries), first to 1,000 products, then to 100,000.
2. Starts the shop under gunicorn (3 sync workers, `storefront.settings.production`, DEBUG off, PostgreSQL, the
   Redis cache of REDIS_URL, which it empties first) and `bench.bare_app` beside it (the same gunicorn, a
   Django view rendering a ~20 KB template and nothing else).
3. For each page, in interleaved rounds (bare, page, bare, page, ...), runs `wrk -t2 -c16 --latency` for a few
   seconds against each and records requests/s and p50/p99 latency; the ratio of a round is the page's
   requests/s ÷ the bare app's in the round just before it, so both saw the same load from anything else on the
   machine. The table gives the median over the rounds.
4. Counts the SQL queries of one view of each page in this process (same database, page cache off, warm).
5. Writes bench/results/pages.md.

Anonymous pages are served from the page cache (as a visitor without a cart gets them), one copy per market
(the "in the ... market" rows carry the `market` cookie of the header's chooser, issue #26); the shopper's pages
carry the session cookie of a real cart (made by posting to the add-to-cart view): a product, category or search
page is the public copy with the shopper's header cart rendered into it; behind a query string nobody else asked
for, the page rendered by the view (its parts that are the same for everyone taken from the cache); and behind a
new query string on every request (a wrk script), the page's own parts rendered every time.
`wrk` is a Debian package: `bin/system-deps --bench`.
"""

import argparse
import contextlib
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_MEDIA = BASE_DIR / ".bench-media"
BENCH_STATIC = BASE_DIR / ".bench-static"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.test")
os.environ["MEDIA_ROOT"] = str(BENCH_MEDIA)  # the shop under gunicorn reads the same pictures

import django  # noqa: E402
import redis  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_databases, teardown_databases  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Locale  # noqa: E402

from bench.search_latency import Catalog  # noqa: E402
from bench.servers import collectstatic, free_port, gunicorn, production_environment, wait_for  # noqa: E402
from products.models import ProductPage, ProductVariant  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results" / "pages.md"
ORDERS_PER_SECOND = 10
WORKERS = 3
WRK_THREADS, WRK_CONNECTIONS = 2, 16
TARGETS = {  # ratio to bare, from issue #13; a shopper's page is measured both as served and rendered by the view
    "home": 0.85,
    "category": 0.85,
    "product": 0.85,
    "product, shopper with a cart": 0.25,
    "product, shopper with a cart, rendered by the view": 0.25,
    "category, shopper with a cart": 0.20,
    "category, shopper with a cart, rendered by the view": 0.20,
    "search 'kettle', shopper with a cart": 0.10,
    "search 'kettle', shopper with a cart, rendered by the view": 0.10,
    # Issue #26: a cached anonymous page in each market (the `market` cookie the header's chooser sets).
    "product, in the United States market": 0.85,
    "product, in the Eurozone market": 0.85,
    "product, in the Russia market": 0.85,
    "category, in the Eurozone market": 0.85,
    "category, in the Russia market": 0.85,
}
MARKETS = {"United States": "us", "Eurozone": "eurozone", "Russia": "russia"}  # the demo's (demo/markets.py)


@dataclass
class Scenario:
    name: str
    path: str
    shopper: bool  # with the session cookie of a cart (never cached)
    market: str = ""  # an anonymous visitor who chose this market (its code, in the `market` cookie)
    new_address: bool = False  # each request with a query string of its own: nothing of the page kept for it
    orders: bool = False  # while stock changes ORDERS_PER_SECOND times a second (`OrdersComingIn`)
    order_rates: list = field(default_factory=list)  # the stock changes a second achieved, per round
    rounds: list = field(default_factory=list)  # (page rps, bare rps, p50 ms, p99 ms)
    queries: int | None = None

    def median(self, index):
        return statistics.median(r[index] for r in self.rounds)

    @property
    def ratio(self):
        return statistics.median(page / bare for page, bare, *_ in self.rounds)


class Servers:
    """The shop and the bare app under gunicorn, 3 sync workers each."""

    def __init__(self, database_url, redis_url):
        self.shop_port, self.bare_port = free_port(), free_port()
        self.shop = f"http://127.0.0.1:{self.shop_port}"
        self.bare = f"http://127.0.0.1:{self.bare_port}/"
        control = Path(tempfile.gettempdir())
        self.env = production_environment(database_url, redis_url, static_root=BENCH_STATIC, media_root=BENCH_MEDIA)
        collectstatic(self.env)
        self.processes = [
            gunicorn(self.shop_port, self.env, workers=WORKERS, control=control / f"bench-shop-{self.shop_port}.ctl"),
            gunicorn(
                self.bare_port,
                {**os.environ, "DJANGO_SETTINGS_MODULE": ""},
                workers=WORKERS,
                app="bench.bare_app:application",
                control=control / f"bench-bare-{self.bare_port}.ctl",
            ),
        ]
        wait_for(f"{self.shop}/health/")
        wait_for(self.bare)

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)


def cart_cookie(shop, variant_pk) -> str:
    """The Cookie header of a shopper who added a product to the cart, through the shop's own views."""
    with urllib.request.urlopen(f"{shop}/csrf/") as response:  # noqa: S310 - our own local server
        token = json.loads(response.read())["token"]
        csrf = re.search(r"csrftoken=([^;]+)", response.headers["Set-Cookie"])[1]
    body = urllib.parse.urlencode({"variant": variant_pk, "quantity": 1, "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(  # noqa: S310 - our own local server
        f"{shop}/en/cart/add/", data=body, headers={"Cookie": f"csrftoken={csrf}"}, method="POST"
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        response = urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as redirect:  # the add view answers with a redirect
        response = redirect
    cookies = response.headers.get_all("Set-Cookie") or []
    session = next((re.match(r"sessionid=([^;]+)", c)[1] for c in cookies if c.startswith("sessionid=")), None)
    if not session:
        raise RuntimeError(f"Adding to the cart gave no session (status {response.status}, cookies {cookies})")
    return f"sessionid={session}; csrftoken={csrf}"


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


# Each request of a wrk thread asks for `url` with a token of its own appended (thread number, request number).
NEW_ADDRESS_SCRIPT = """
local threads = 0
function setup(thread) thread:set("id", threads .. "-" .. math.random(1e9)); threads = threads + 1 end
function init(args) n = 0 end
function request() n = n + 1; return wrk.format(nil, wrk.path .. id .. "-" .. n) end
"""


def wrk(url, seconds, cookie=None, new_address=False):
    """(requests/s, p50 ms, p99 ms) of `wrk -t2 -c16 --latency` against `url` (with a token of its own appended to
    every request's address if `new_address`); stops on any error response."""
    command = ["wrk", f"-t{WRK_THREADS}", f"-c{WRK_CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if new_address:
            script.write(NEW_ADDRESS_SCRIPT)
            script.flush()
            command[1:1] = ["-s", script.name]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    if "Non-2xx or 3xx responses" in output:
        raise RuntimeError(f"Error responses from {url}:\n{output}")

    def latency(percent):
        value, unit = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * UNITS[unit]

    return float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]), latency(50), latency(99)


class OrdersComingIn:
    """A busy day's orders, as the page cache sees them: `ORDERS_PER_SECOND` times a second, a random product of
    the catalog has its stock taken and given back by one (the `F()` update an order's reservation makes), which
    purges its pages, its category, the home and search pages in every language and moves the product fragments'
    version, through the shop's own signals and the same Redis as the shop under load."""

    def __init__(self):
        self.product_pks = list(ProductVariant.objects.filter(stock__gt=1).values_list("product_id", flat=True))
        self.stop = threading.Event()
        self.changes = 0

    def __enter__(self):
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.started = time.perf_counter()
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()
        self.rate = self.changes / (time.perf_counter() - self.started)

    def run(self):
        chooser = random.Random(13)
        try:
            while not self.stop.wait(1 / ORDERS_PER_SECOND):
                variants = ProductVariant.objects.filter(product_id=chooser.choice(self.product_pks))
                with transaction.atomic():  # the purge runs on commit, as after an order
                    variants.update(stock=F("stock") + (-1 if self.changes % 2 == 0 else 1))
                self.changes += 1
        finally:
            connection.close()


def scenarios(catalog) -> tuple[list[Scenario], ProductPage]:
    demo_pages = ProductPage.objects.live().filter(locale__language_code="en").exclude(product__sku__startswith="BN-")
    demo_product = demo_pages.filter(slug__contains="kettle").first() or demo_pages.first()
    category = catalog.categories[0]  # a tenth of the generated products: it grows with the catalog
    # The same product in Spanish: the language `--overrides` gives interface-string overrides to (issue #28).
    spanish_product = demo_product.get_translation(Locale.objects.get(language_code="es"))
    # A shopper's pages, each address ready for one more query parameter.
    shopper_pages = [
        ("product", demo_product.url + "?"),
        ("category", category.url + "?"),
        ("search 'kettle'", "/en/search/?q=kettle&"),
    ]
    return [
        Scenario("home", "/en/", shopper=False),
        Scenario("category", category.url, shopper=False),
        Scenario("product", demo_product.url, shopper=False),
        Scenario("search 'kettle'", "/en/search/?q=kettle", shopper=False),
        # Each market's own cached copy (issue #26): the market is part of the page cache's key.
        *(
            Scenario(f"product, in the {name} market", demo_product.url, shopper=False, market=code)
            for name, code in MARKETS.items()
        ),
        *(
            Scenario(f"category, in the {name} market", category.url, shopper=False, market=code)
            for name, code in MARKETS.items()
            if code != "us"
        ),
        Scenario("product in Spanish", spanish_product.url, shopper=False),
        # What a shopper with a cart gets where anonymous visitors keep a public copy, as on a busy day: the copy
        # with their own header cart rendered into it (`X-Page-Cache: shared`).
        Scenario("product, shopper with a cart", demo_product.url, shopper=True),
        Scenario("category, shopper with a cart", category.url, shopper=True),
        Scenario("search 'kettle', shopper with a cart", "/en/search/?q=kettle", shopper=True),
        # A query string no anonymous visitor asked for: no public copy to share, the view runs for them and takes
        # the parts of the page that are the same for everyone from the cache (`storefront.page_fragments`).
        *(
            Scenario(f"{name}, shopper with a cart, rendered by the view", path + "ref=mail", shopper=True)
            for name, path in shopper_pages
        ),
        # The same, while orders keep changing stock (`OrdersComingIn`): pages are purged as they are measured.
        Scenario("home, while orders come in", "/en/", shopper=False, orders=True),
        *(
            Scenario(
                f"{name}, shopper with a cart, rendered by the view, while orders come in",
                path + "ref=mail",
                shopper=True,
                orders=True,
            )
            for name, path in shopper_pages
        ),
        # An address never asked for before, every time: the page's own parts are rendered (the route, the cards,
        # the navigation and the category's count are still the cache's).
        *(
            Scenario(
                f"{name}, shopper with a cart, a new address each time", path + "ref=", shopper=True, new_address=True
            )
            for name, path in shopper_pages[:2]
        ),
        Scenario(
            "product in Spanish, shopper with a cart, a new address each time",
            spanish_product.url + "?ref=",
            shopper=True,
            new_address=True,
        ),
        # The search itself at work, for a word found in most texts (kept results would hide it).
        Scenario(
            "search 'durable' (in ~75% of texts), shopper with a cart, a new address each time",
            "/en/search/?q=durable&ref=",
            shopper=True,
            new_address=True,
        ),
        Scenario(
            "search 'kettle', shopper with a cart, a new address each time",
            "/en/search/?q=kettle&ref=",
            shopper=True,
            new_address=True,
        ),
    ], demo_product


def count_queries(scenario, variant_pk):
    """SQL queries of one view of the page in this process: warm, page cache off, as the page's visitor."""
    client = Client()
    if scenario.market:
        client.cookies["market"] = scenario.market
    with override_settings(PAGE_CACHE_ENABLED=False):
        if scenario.shopper:
            client.post("/en/cart/add/", {"variant": variant_pk, "quantity": 1})
        client.get(scenario.path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(scenario.path)
    assert response.status_code == 200, (scenario.path, response.status_code)
    return len(captured)


def measure(servers, catalog, rounds, seconds, only=None):
    pages, product_page = scenarios(catalog)
    if only:  # a quick look at some rows, by name
        pages = [scenario for scenario in pages if scenario.name in only]
    variant_pk = product_page.product.variants.order_by("sort_order", "pk").values_list("pk", flat=True)[0]
    cookie = cart_cookie(servers.shop, variant_pk)

    def cookie_of(scenario):
        return cookie if scenario.shopper else (f"market={scenario.market}" if scenario.market else None)

    for scenario in pages:
        scenario.queries = count_queries(scenario, variant_pk)
        url = servers.shop + scenario.path
        wrk(url, 1, cookie_of(scenario), scenario.new_address)  # warm: renditions, fragments, ...
    for number in range(rounds):
        for scenario in pages:
            # The orders' thread runs on these cores during the bare run too: both apps share the machine alike,
            # and only the shop's pages are purged by it.
            with OrdersComingIn() if scenario.orders else contextlib.nullcontext():
                bare_rps, _, _ = wrk(servers.bare, seconds)
            with OrdersComingIn() if scenario.orders else contextlib.nullcontext() as orders:
                rps, p50, p99 = wrk(servers.shop + scenario.path, seconds, cookie_of(scenario), scenario.new_address)
            if orders:
                scenario.order_rates.append(orders.rate)
            scenario.rounds.append((rps, bare_rps, p50, p99))
            print(
                f"  {catalog.size:>7} round {number + 1}: {scenario.name:<58} {rps:8.1f} rps "
                f"(bare {bare_rps:7.1f}, ratio {rps / bare_rps:.3f}) p50 {p50:7.1f} ms p99 {p99:7.1f} ms "
                f"SQL {scenario.queries}",
                flush=True,
            )
    return pages


def add_overrides(count, language_code="es"):
    """`count` interface-string overrides in `language_code` (the shipped translation with a mark added, valid
    for any entry), as translators would leave them: every page of that language reads through them."""
    from translations.catalogue import load_catalogue
    from translations.models import StringOverride

    entries = [e for e in load_catalogue(language_code).entries if e.translated][:count]

    def forms(entry):
        marked = [form + " ·" for form in entry.shipped_forms]
        return marked + marked[-1:] * (entry.nplurals - len(marked))  # some catalogues list fewer than their rule

    StringOverride.objects.bulk_create(
        StringOverride(
            language_code=language_code,
            msgctxt=e.msgctxt,
            msgid=e.msgid,
            msgid_plural=e.msgid_plural,
            plural_forms=e.plural_forms if e.msgid_plural else "",
            forms=forms(e),
        )
        for e in entries
    )


def report(sizes, runs, args, build_seconds, total_seconds):
    first, last = sizes[0], sizes[-1]
    lines = [
        "# Page throughput against a bare Django render",
        "",
        f"Generated by `.venv/bin/python -m bench.pages` on {timezone.now():%Y-%m-%d}. Do not edit by hand; run it "
        "again (`make bench` runs it with the other benchmarks).",
        "",
        f"- Machine: {os.cpu_count()} CPU cores, Python {platform.python_version()}, PostgreSQL "
        f"{connection.connection.info.server_version // 10000}, Redis; load average before the run "
        f"{args.load_before:.2f} (what else ran on these cores slows both apps alike: read the ratios, not the "
        "requests/s, and small differences as noise)",
        f"- Interface-string overrides in Spanish: {args.overrides} (`--overrides`)",
        f"- Shop: gunicorn, {WORKERS} sync workers, `storefront.settings.production` (DEBUG off), PostgreSQL, Redis "
        "cache and sessions (`REDIS_SOCKET_TIMEOUT=1`, see `Servers`). Bare: `bench.bare_app` under the same "
        "gunicorn, a Django view rendering a ~20 KB template, no middleware or database",
        f"- Load: `wrk -t{WRK_THREADS} -c{WRK_CONNECTIONS} --latency`, {args.seconds} s per run, {args.rounds} "
        "interleaved rounds (bare, page, bare, page, ...) per size after a warm-up; each figure is the median over "
        "the rounds, a ratio is page requests/s ÷ the bare requests/s of the run just before it",
        '- Anonymous pages come from the page cache (a visitor without a cart). "Shopper with a cart" pages carry '
        "the session cookie of a real cart and are never cached for them (`private, no-store`): a product, "
        "category or search page is the public copy with their own header cart rendered into it (`X-Page-Cache: "
        "shared`, `storefront.page_cache.SharedCopyMiddleware`) while anonymous visitors keep one cached, as on a "
        'busy day; "rendered by the view" is the same page behind a query string no anonymous visitor asked for '
        "(`ref=mail`), so there is no public copy: the view runs for them (the route, the view restrictions, the "
        "messages, their header cart), and the parts of the page that are the same for everyone (head, header, "
        "content, footer) come from the cache, purged with the page (`storefront.page_fragments`). The targets are "
        'shown against both. "A new address each time" asks for a query string of its own on every request, so '
        "those parts are rendered every time (the route, the product cards, the navigation and a category's count "
        "are still kept)",
        '- "While orders come in": during the run, a thread of the bench takes one unit of a random product\'s '
        "stock and gives it back, in turns, aiming at "
        f"{ORDERS_PER_SECOND} changes a second (achieved: "
        + ", ".join(
            f"{size:,} products {statistics.median(r for s in runs[size] for r in s.order_rates):.1f}"
            for size in sizes
            if any(s.order_rates for s in runs[size])
        )
        + "), each committed like an order's reservation, so the shop's own signals purge the product's pages, its "
        "category, the home and search pages in every language and move the product fragments' version while the "
        "page is measured; the thread runs during the bare app's run before it too, so that both share the cores "
        "alike",
        "- SQL: queries of one warm view of the page with the page cache off, counted in the bench process",
        "- Catalog: the demo shop (en/es/ru) plus generated English products in 10 categories, with real search "
        "index entries; the category measured is a generated one holding a tenth of the products. Build: "
        + ", ".join(f"{size:,} products in {build_seconds[size]:.0f} s" for size in sizes)
        + f"; whole run {total_seconds / 60:.1f} min",
        "",
    ]
    header = "| Page | Target | " + " | ".join(f"{size:,}: ratio | rps (bare) | p50 / p99 ms | SQL" for size in sizes)
    lines += [header + " |", "|" + "---|" * (2 + 4 * len(sizes))]
    for index, scenario in enumerate(runs[first]):
        target = TARGETS.get(scenario.name)
        cells = [scenario.name, f"≥ {target:.2f}" if target else "—"]
        for size in sizes:
            entry = runs[size][index]
            met = "" if not target else (" ✓" if entry.ratio >= target else " ✗")
            cells += [
                f"{entry.ratio:.3f}{met}",
                f"{entry.median(0):.0f} ({entry.median(1):.0f})",
                f"{entry.median(2):.0f} / {entry.median(3):.0f}",
                str(entry.queries),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    if len(sizes) > 1:
        lines += [
            "",
            f"Time per request at {last:,} ÷ at {first:,} products (from requests/s; target for the common word, "
            "searched at a new address each time, ≤ 3):",
            "",
        ]
        for index, scenario in enumerate(runs[first]):
            slower = scenario.median(0) / runs[last][index].median(0)
            mark = (" ✓" if slower <= 3 else " ✗") if "durable" in scenario.name else ""
            lines.append(f"- {scenario.name}: {slower:.2f}{mark}")
    lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="catalog sizes, increasing (default 1000,100000)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per size (default 3)")
    parser.add_argument("--seconds", type=int, default=4, help="seconds per wrk run (default 4)")
    parser.add_argument("--output", type=Path, default=RESULTS, help=f"results file (default {RESULTS})")
    parser.add_argument("--only", type=lambda text: text.split("|"), help='only these rows: "home|product|..."')
    parser.add_argument("--keep", action="store_true", help="keep the bench database afterwards")
    parser.add_argument(
        "--overrides", type=int, default=0, help="interface-string overrides in Spanish (issue #28; default 0)"
    )
    args = parser.parse_args(argv)
    args.load_before = os.getloadavg()[0]
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if connection.vendor != "postgresql":
        sys.exit("This benchmark measures PostgreSQL: set DATABASE_URL=postgres://...")
    if not settings.REDIS_URL:
        sys.exit("This benchmark measures the Redis cache: set REDIS_URL=redis://...")
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: bin/system-deps --bench")

    database = settings.DATABASES["default"]
    database["TEST"]["NAME"] = f"{database['NAME']}_pages"
    started = time.perf_counter()
    print(f"Creating and migrating {database['TEST']['NAME']} ...", flush=True)
    old_config = setup_databases(verbosity=0, interactive=False)
    servers = None
    try:
        shutil.rmtree(BENCH_MEDIA, ignore_errors=True)
        call_command("load_demo_data", verbosity=0)
        add_overrides(args.overrides)
        catalog = Catalog()
        database_url = re.sub(r"/[^/]*$", f"/{database['NAME']}", os.environ["DATABASE_URL"])
        runs, build_seconds = {}, {}
        for size in sizes:
            print(f"Growing the catalog to {size:,} products ...", flush=True)
            build_seconds[size] = catalog.grow_to(size)
            redis.Redis.from_url(settings.REDIS_URL).flushdb()  # no cached page, fragment or site of a run before
            servers = Servers(database_url, settings.REDIS_URL)
            try:
                runs[size] = measure(servers, catalog, args.rounds, args.seconds, args.only)
            finally:
                servers.stop()
        text = report(sizes, runs, args, build_seconds, time.perf_counter() - started)
    finally:
        if args.keep:
            print(f"Kept {database['NAME']}: drop it when done.")
        else:
            teardown_databases(old_config, verbosity=0)
        shutil.rmtree(BENCH_STATIC, ignore_errors=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text)
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    main()
