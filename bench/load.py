"""The shop under load and faults, with its invariants checked after the run (issue #23): `make load`, or

    CELERY_BROKER_URL=amqp://guest:guest@127.0.0.1:5672// DATABASE_URL=postgres://postgres@127.0.0.1:5432/storefront \\
        .venv/bin/python -m bench.load [--users 200] [--seconds 300] [--faults all] [--report bench/results/load.md]

1. Starts the topology (`bench.topology`): its own database cloned from a template of the migrated demo shop, its
   own RabbitMQ vhost, a private redis-server, 2 gunicorn instances (production settings) behind the round-robin
   balancer (`bench.proxies`), 2 Celery workers and beat, and the fake Stripe that sends signed webhooks, some
   late, some twice (`bench.stripe_server`). The run's data: stock for every variant (a few scarce ones),
   discount codes (one limited), customers' verified accounts, a shop manager.
2. Runs Locust headless (`bench/shoppers.py`): shoppers in en/es/ru, customers, a shop manager.
3. Meanwhile, the faults (`--faults`, all by default): a Celery worker SIGKILLed mid-task and restarted, one web
   instance SIGKILLed and restarted, the private Redis stopped for `--outage` seconds, the broker unreachable
   as long (its relay cut), the shop's PostgreSQL connections terminated once.
4. Lets the shop settle as time would: the webhooks delivered, the open Stripe sessions' time over, the expiry and
   the email catch-up run as beat runs them, every queued task done.
5. Checks the invariants (`bench.invariants`) and exits 1 naming each broken one; `--report` writes the numbers.
Everything started is stopped (also on Ctrl-C); the database and the vhost are dropped, the run's folder removed
(`--keep` keeps it, with every process's log).
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

import psutil

from bench.servers import BASE_DIR, wait_for
from bench.topology import Topology

RESULTS = Path(__file__).resolve().parent / "results" / "load.md"
FAULTS = ["worker", "web", "redis", "broker", "database"]
# When each fault starts, as a share of the run.
FAULT_AT = {"worker": 0.15, "web": 0.3, "redis": 0.45, "broker": 0.65, "database": 0.85}
SCARCE_STOCK, STOCK = 3, 40
CUSTOMERS = 30
COUNTRIES = {"en": ["US", "DE", "FR"], "es": ["ES"], "ru": ["RU"]}


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- The run's data ------------------------------------------------------------------------------------------


def prepare_data(topology, seed=23) -> dict:
    """Stock, discount codes, accounts and the shop's site address in the run's database; the Locust plan."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.urls import reverse
    from django.utils import timezone, translation

    from coupons.models import Coupon
    from products.models import ProductIndexPage, ProductPage, ProductVariant

    chooser = random.Random(seed)
    call_command("migrate", verbosity=0)  # a package's migrations newer than the template
    call_command("load_demo_data", site_url=topology.url, verbosity=0)
    ProductVariant.objects.update(stock=STOCK)
    variants = list(ProductVariant.objects.order_by("pk").values_list("pk", flat=True))
    ProductVariant.objects.filter(pk__in=chooser.sample(variants, min(5, len(variants)))).update(stock=SCARCE_STOCK)
    now = timezone.now()
    valid = {"valid_from": now - timedelta(days=1), "valid_until": now + timedelta(days=1)}
    Coupon.objects.create(code="LOAD10", kind=Coupon.Kind.PERCENT, value=10, **valid)
    Coupon.objects.create(code="LOAD5", kind=Coupon.Kind.FIXED, value=5, max_uses=15, minimum_amount=20, **valid)

    users = get_user_model()
    password = f"load-{chooser.getrandbits(64):x}"
    hashed = make_password(password)  # one hash for every account: hashing is slow by design
    customers = []
    for number in range(CUSTOMERS):
        address = f"customer{number}@load.example"
        user = users.objects.create(username=f"load-customer-{number}", email=address, password=hashed)
        EmailAddress.objects.create(user=user, email=address, verified=True, primary=True)
        customers.append({"email": address, "password": password})
    manager = users.objects.create(username="load-manager", email="manager@load.example", password=hashed)
    manager.groups.add(Group.objects.get(name=settings.SHOP_MANAGERS_GROUP))

    languages = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            products = ProductPage.objects.live().filter(locale__language_code=code)
            languages[code] = {
                "home": f"/{code}/",
                "categories": [p.url for p in ProductIndexPage.objects.live().filter(locale__language_code=code)],
                "products": [p.url for p in products],
                "words": sorted({p.title.split()[0].lower() for p in products})[:20],
                "search": reverse("search"),
                "cart": reverse("cart:detail"),
                "cart_add": reverse("cart:add"),
                "coupon_apply": reverse("coupons:apply"),
                "checkout": reverse("checkout:checkout"),
                "login": reverse("account_login"),
                "orders": reverse("accounts:orders"),
                "countries": COUNTRIES[code],
            }
    return {
        "languages": languages,
        "coupons": ["LOAD10", "LOAD5"],
        "customers": customers,
        "manager": {"username": "load-manager", "password": password},
        "admin_orders": reverse("orders:index"),
        "stripe": topology.stripe_url,
    }


# --- Faults ---------------------------------------------------------------------------------------------------


class Faults(threading.Thread):
    """Applies the chosen faults at their time in the run; `done` lists what happened, with times."""

    def __init__(self, topology, names, seconds, outage, started):
        super().__init__(daemon=True)
        self.topology, self.names, self.seconds, self.outage, self.started = topology, names, seconds, outage, started
        self.done = []
        self.redis_stats = []  # INFO stats of the private Redis before it stopped
        self.failure = None

    def note(self, text):
        elapsed = time.monotonic() - self.started
        self.done.append(f"{elapsed:5.0f} s: {text}")
        log(f"fault: {text}")

    def run(self):
        for name in sorted(self.names, key=FAULT_AT.get):
            time.sleep(max(0, self.started + FAULT_AT[name] * self.seconds - time.monotonic()))
            try:
                getattr(self, name)()
            except Exception as error:  # noqa: BLE001 - reported with the run's result (a broken invariant)
                self.failure = error
                self.note(f"the {name} fault failed: {error!r}")

    def worker(self):
        """SIGKILL a worker (its whole process group) while it runs a task, then start it again."""
        offsets = [self.topology.worker_log(n).stat().st_size for n in range(2)]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            for number in range(2):
                with open(self.topology.worker_log(number), "rb") as lines:
                    lines.seek(offsets[number])
                    received = re.findall(rb"Task (checkout\.[\w.]+)\[[\w-]+\] received", lines.read())
                if received:
                    self.topology.kill_worker(number)
                    self.note(f"worker {number + 1} SIGKILLed just after it received {received[-1].decode()}")
                    time.sleep(2)
                    self.topology.start_worker(number)
                    self.note(f"worker {number + 1} started again")
                    return
            time.sleep(0.1)
        self.topology.kill_worker(0)
        self.note("worker 1 SIGKILLed (no checkout task received in 60 s)")
        self.topology.start_worker(0)

    def web(self):
        """SIGKILL a web instance and start it again; it boots while the next faults go on (on saturated cores
        that takes minutes), and the balancer sends it requests once its health check answers."""
        self.topology.kill_web(0)
        self.note("web instance 1 SIGKILLed (gunicorn and its workers)")
        time.sleep(5)
        self.topology.start_web(0, wait=False)
        self.note("web instance 1 started again")
        threading.Thread(target=self.healthy_again, daemon=True).start()

    def healthy_again(self):
        try:
            health = f"http://127.0.0.1:{self.topology.web_ports[0]}/health/"
            wait_for(health, timeout=max(self.seconds, 300), attempt_timeout=30)
        except RuntimeError as error:
            self.failure = error
            self.note(f"web instance 1 never answered its health check: {error}")
        else:
            self.note("web instance 1 healthy again")

    def redis(self):
        self.redis_stats.append(self.topology.redis_info())
        self.topology.stop_redis()
        self.note(f"private Redis stopped for {self.outage} s")
        time.sleep(self.outage)
        self.topology.start_redis()
        self.note("private Redis started again (empty)")

    def broker(self):
        self.topology.cut_broker()
        self.note(f"broker unreachable for {self.outage} s (relay cut)")
        time.sleep(self.outage)
        self.topology.restore_broker()
        self.note("broker reachable again")

    def database(self):
        count = self.topology.terminate_database_connections()
        self.note(f"pg_terminate_backend on the shop's {count} PostgreSQL connections")


class Sampler(threading.Thread):
    """CPU use of each part of the topology (and the load generator), and the load average, every few seconds."""

    def __init__(self, topology, every=5):
        super().__init__(daemon=True)
        self.topology, self.every = topology, every
        self.samples = []  # {part: cpu %}, "machine": all cores' use (100 % is one core, as for the parts)
        self.load = []
        self.extra = {}  # {part: pid} of processes not in the topology (the load generator)
        self.stop = threading.Event()

    def parts(self) -> dict:
        found = {}
        pids = {name: process.pid for name, process in list(self.topology.processes.items())}
        for name, pid in [*pids.items(), *self.extra.items()]:
            part = re.sub(r"\d+$", "", name)
            try:
                root = psutil.Process(pid)
                found.setdefault(part, []).extend([root, *root.children(recursive=True)])
            except psutil.NoSuchProcess:
                continue
        database = self.topology.database
        found["postgres"] = [
            p for p in psutil.process_iter(["cmdline"]) if database in " ".join(p.info["cmdline"] or [])
        ]
        return found

    def run(self):
        psutil.cpu_percent()
        while not self.stop.is_set():
            parts = self.parts()
            for processes in parts.values():
                for process in processes:
                    try:
                        process.cpu_percent()
                    except psutil.Error:
                        pass
            self.stop.wait(self.every)
            sample = {}
            for part, processes in parts.items():
                total = 0.0
                for process in processes:
                    try:
                        total += process.cpu_percent()
                    except psutil.Error:
                        pass
                sample[part] = total
            sample["machine (all processes)"] = psutil.cpu_percent() * (os.cpu_count() or 1)
            self.samples.append(sample)
            self.load.append(os.getloadavg()[0])


# --- Settling ---------------------------------------------------------------------------------------------------


def stripe_state(topology) -> dict:
    with urllib.request.urlopen(f"{topology.stripe_url}/test/state", timeout=30) as response:  # noqa: S310
        return json.loads(response.read())


def settle(topology, timeout):
    """Let the shop finish what the run started, as time would: the webhooks delivered, the open sessions' time
    over at Stripe (their `checkout.session.expired`), then the expiry and the email catch-up as beat runs them,
    until nothing is queued and the catch-up finds nothing more to send. The catch-up leaves an email alone until
    its task had EMAIL_CATCH_UP_AFTER_SECONDS to run, so settling lasts that long at least."""
    from django.conf import settings
    from django.db import connections

    from checkout.orders.reservations import expire_overdue_orders
    from checkout.tasks import queue_missed_emails

    deadline = time.monotonic() + timeout
    not_before = time.monotonic() + settings.EMAIL_CATCH_UP_AFTER_SECONDS + 5
    expired_sessions = False
    while time.monotonic() < deadline:
        connections.close_all()
        waiting, queued = stripe_state(topology)["waiting"], topology.queued_messages()
        if waiting or queued:
            time.sleep(2)
            continue
        if not expired_sessions:
            request = urllib.request.Request(f"{topology.stripe_url}/test/expire-open", method="POST")  # noqa: S310
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                log(f"settle: {len(json.loads(response.read())['expired'])} open Stripe sessions expired")
            expired_sessions = True
            time.sleep(2)
            continue
        expired = expire_overdue_orders()
        caught_up = {kind: numbers for kind, numbers in queue_missed_emails().items() if numbers}
        log(f"settle: expired {len(expired)} orders; emails queued again: {caught_up or 'none'}")
        if not expired and not caught_up and time.monotonic() > not_before:
            return True
        time.sleep(3)
    log("settle: gave up waiting")
    return False


# --- The run -----------------------------------------------------------------------------------------------------


def run_locust(topology, args, plan_path, stats_path, sampler):
    env = {**os.environ, "LOAD_PLAN": str(plan_path), "LOAD_STATS": str(stats_path)}
    command = [sys.executable, "-m", "locust", "-f", str(BASE_DIR / "bench" / "shoppers.py"), "--headless"]
    command += ["-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{args.seconds}s", "--host", topology.url]
    command += ["--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"]
    with open(topology.run_dir / "locust.log", "wb") as output:
        locust = subprocess.Popen(command, env=env, cwd=BASE_DIR, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        sampler.extra["locust (load generator)"] = locust.pid
        try:
            locust.wait(timeout=args.seconds + 120)
        finally:
            if locust.poll() is None:
                locust.kill()
                locust.wait()
    return json.loads(stats_path.read_text())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=10, help="users started per second (10)")
    parser.add_argument("--seconds", type=int, default=300, help="length of the load (300)")
    parser.add_argument("--faults", default="all", help=f"'all', 'none' or a comma list of {', '.join(FAULTS)}")
    parser.add_argument("--outage", type=int, default=30, help="seconds Redis and the broker stay away (30)")
    parser.add_argument("--settle", type=int, default=600, help="seconds to wait for the shop to settle (600)")
    parser.add_argument(
        "--catch-up-after", type=int, default=60, help="seconds before a lost email is caught up (60; settling waits)"
    )
    parser.add_argument("--base-port", type=int, help="use 6 ports from here (default: free ones)")
    parser.add_argument("--report", type=Path, help=f"write the results there (e.g. {RESULTS.relative_to(BASE_DIR)})")
    parser.add_argument("--json", type=Path, help="write the results as JSON there")
    parser.add_argument("--keep", action="store_true", help="keep the run's folder (logs, emails)")
    args = parser.parse_args(argv)
    faults = FAULTS if args.faults == "all" else [] if args.faults == "none" else args.faults.split(",")
    if unknown := set(faults) - set(FAULTS):
        parser.error(f"unknown faults: {', '.join(sorted(unknown))}")

    run_dir = Path(tempfile.mkdtemp(prefix="storefront-load-"))
    topology = Topology(
        run_dir,
        database_url=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/storefront"),
        broker_url=os.environ.get("CELERY_BROKER_URL") or "amqp://guest:guest@127.0.0.1:5672//",
        ports=range(args.base_port, args.base_port + 6) if args.base_port else None,
        catch_up_after=args.catch_up_after,
    )
    results = {"machine": machine(), "users": args.users, "seconds": args.seconds, "faults": faults, "broken": []}
    results.update(database=topology.database, vhost=topology.vhost, run_dir=str(run_dir))
    try:
        log(f"Preparing database {topology.database} and vhost {topology.vhost} (folder {run_dir}) ...")
        topology.prepare(log)
        os.environ.update(topology.env, LOG_LEVEL="WARNING")  # this process: the settling and the checks
        import django

        django.setup()
        from django.db import connections

        from bench import invariants

        plan = prepare_data(topology)
        initial = invariants.stock_snapshot()
        connections.close_all()
        plan_path = run_dir / "plan.json"
        plan_path.write_text(json.dumps(plan))
        log(f"Starting the topology behind {topology.url} ...")
        topology.start()
        results["load before"] = os.getloadavg()
        log(f"Load: {args.users} users for {args.seconds} s; faults: {', '.join(faults) or 'none'}")
        started = time.monotonic()
        fault_thread = Faults(topology, faults, args.seconds, args.outage, started)
        sampler = Sampler(topology)
        fault_thread.start()
        sampler.start()
        stats = run_locust(topology, args, plan_path, run_dir / "stats.json", sampler)
        sampler.stop.set()
        fault_thread.join(timeout=args.outage + 90)
        results.update(stats=stats, faults_done=fault_thread.done, fault_failure=repr(fault_thread.failure or ""))
        results["cpu"] = cpu_shares(sampler.samples)
        results["load while"] = max(sampler.load, default=0.0)
        redis_stats = [*fault_thread.redis_stats, topology.redis_info()]
        results["cache"] = {
            key: sum(int(s.get(key, 0)) for s in redis_stats) for key in ("keyspace_hits", "keyspace_misses")
        }
        log(f"Load over: {stats['total']['requests']} requests, {stats['total']['failures']} failures; settling ...")
        results["settled"] = settle(topology, args.settle)
        state = stripe_state(topology)
        connections.close_all()
        web_logs = sorted(run_dir.glob("web*.log"))
        results["cut from the database"] = invariants.requests_cut_from_the_database(web_logs)
        results["500 causes"] = dict(invariants.server_error_causes(web_logs))
        broken = invariants.check(
            initial_stock=initial, stripe_state=state, emails=topology.emails, stats=stats, web_logs=web_logs
        )
        if fault_thread.failure:
            broken.append(f"A fault could not be applied: {fault_thread.failure!r}")
        results["left behind"] = invariants.summary(state, topology.emails)
        results["broken"] = broken
        connections.close_all()
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except ImportError:
            pass
        log("Stopping everything started ...")
        topology.stop()
        if not args.keep:
            shutil.rmtree(run_dir, ignore_errors=True)
    print(text_summary(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str))
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report(results))
        log(f"Wrote {args.report}")
    return 1 if results["broken"] else 0


def machine() -> dict:
    memory = psutil.virtual_memory()
    return {
        "cores": os.cpu_count(),
        "memory GB": round(memory.total / 2**30, 1),
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
    }


def cpu_shares(samples) -> dict:
    """{part: (mean CPU %, max CPU %)} over the samples (100 % is one core)."""
    parts = {part for sample in samples for part in sample}
    return {
        part: (
            sum(s.get(part, 0) for s in samples) / max(len(samples), 1),
            max((s.get(part, 0) for s in samples), default=0),
        )
        for part in sorted(parts)
    }


def text_summary(results) -> str:
    stats = results.get("stats", {}).get("total", {})
    lines = [
        f"requests {stats.get('requests')}, failures {stats.get('failures')}, {stats.get('rps', 0):.1f} req/s",
        *results.get("faults_done", []),
        f"left behind: {results.get('left behind')}",
    ]
    if results.get("broken"):
        lines += ["INVARIANTS BROKEN:", *results["broken"]]
    else:
        lines.append("Every invariant holds.")
    return "\n".join(lines)


def report(results) -> str:
    from bench.load_report import markdown

    return markdown(results)


if __name__ == "__main__":
    sys.exit(main())
