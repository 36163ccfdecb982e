"""The shop as it runs on many machines, started on this one for `bench.load`, and stopped again.

`Topology` owns everything it starts and nothing else: a PostgreSQL database cloned from a template that holds the
migrated demo shop (`Template`), a RabbitMQ vhost, a private `redis-server` (the shop's cache, sessions and
counters), a TCP relay in front of RabbitMQ that can be cut, the fake Stripe that sends signed webhooks, two
gunicorn instances behind the round-robin balancer, two Celery workers and beat. Every process is started in a
session of its own, so that stopping (or killing) it reaches its children too; `stop()` ends them all and drops
the database and the vhost, also after a failure or Ctrl-C (callers use `with Topology(...)`).

The faults of a run act on it: `kill_worker`, `kill_web`, `stop_redis` / `start_redis`, `cut_broker` /
`restore_broker`, `terminate_database_connections`.
"""

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import psycopg

from bench.servers import BASE_DIR, collectstatic, free_port, gunicorn, production_environment, wait_for

CELERY = str(Path(sys.executable).with_name("celery"))
WEB_WORKERS = 3
CELERY_CONCURRENCY = 2
TEMPLATE_MEDIA = BASE_DIR / ".load-media"


def fingerprint() -> str:
    """What the template database depends on: the project's migrations and the demo data's code. (A package's new
    migrations are applied to each clone by `bench.load`.)"""
    digest = hashlib.sha1()  # noqa: S324 - a cache key, not security
    files = sorted(BASE_DIR.glob("*/migrations/*.py")) + sorted(BASE_DIR.glob("demo/**/*.py"))
    for path in files:
        digest.update(path.relative_to(BASE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def static_root() -> Path:
    """Where the collected static files of this checkout are kept between runs (collecting and compressing them
    takes a while): a folder per state of the project's static files and pinned packages."""
    digest = hashlib.sha1()  # noqa: S324 - a cache key, not security
    for path in sorted(BASE_DIR.glob("*/static/**/*")) + [BASE_DIR / "requirements.txt"]:
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(BASE_DIR)} {stat.st_size} {stat.st_mtime_ns}".encode())
    return TEMPLATE_MEDIA / f"static-{digest.hexdigest()[:12]}"


def _server(database_url: str) -> dict:
    """Connection arguments of the PostgreSQL server of `database_url`, on its maintenance database."""
    parts = urllib.parse.urlsplit(database_url)
    return {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "user": urllib.parse.unquote(parts.username or "postgres"),
        "password": urllib.parse.unquote(parts.password or "") or None,
        "dbname": "postgres",
        "autocommit": True,
    }


def _with_database(database_url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(database_url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


class Template:
    """A database holding the migrated demo shop, made once per `fingerprint()` (migrating and loading the demo
    data takes minutes on a busy machine; cloning it, a second) with its pictures in `.load-media/<fingerprint>`.
    It stays as a cache between runs, on the server of DATABASE_URL whatever its database (every checkout on the
    machine shares it); one of an older fingerprint is dropped when a new one is made."""

    prefix = "storefront_load_template_"

    def __init__(self, database_url):
        self.server = _server(database_url)
        self.key = fingerprint()
        self.name = self.prefix + self.key
        self.url = _with_database(database_url, self.name)
        self.media = TEMPLATE_MEDIA / self.key

    def exists(self) -> bool:
        """The database is there, and so are its pictures in this checkout: another checkout of the same code (CI's
        fresh clone, a second worktree) shares the database but not `.load-media/`, and would serve 500s."""
        if not (self.media / "original_images").is_dir():
            return False
        with psycopg.connect(**self.server) as connection:
            return bool(connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.name]).fetchone())

    def build(self, env) -> None:
        """Make the template: migrate and load the demo shop in a database of its own (small pictures)."""
        with psycopg.connect(**self.server) as connection:
            stale = connection.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [self.prefix.replace("_", r"\_") + "%"]
            ).fetchall()
            for (name,) in stale:
                connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{self.name}"')
        for folder in TEMPLATE_MEDIA.glob("*"):
            if not folder.name.startswith("static-"):  # older templates' pictures
                shutil.rmtree(folder, ignore_errors=True)
        # No Redis or broker yet: the template's cache is in memory and its tasks run in-process.
        env = {**env, "DATABASE_URL": self.url, "MEDIA_ROOT": str(self.media), "REDIS_URL": "", "CELERY_BROKER_URL": ""}
        try:
            for command in (["migrate", "--noinput", "-v0"], ["load_demo_data", "--image-size", "120", "-v0"]):
                subprocess.run([sys.executable, "manage.py", *command], env=env, cwd=BASE_DIR, check=True)
        except BaseException:
            with psycopg.connect(**self.server) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            raise

    def clone(self, name: str) -> None:
        with psycopg.connect(**self.server) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"')


class Topology:
    """Everything a load run needs, started by `start()` and stopped by `stop()` (see the module's docstring)."""

    def __init__(self, run_dir: Path, *, database_url: str, broker_url: str, ports=None, catch_up_after=60):
        self.run_dir = run_dir
        self.suffix = uuid.uuid4().hex[:8]
        self.template = Template(database_url)
        self.database = f"storefront_load_{self.suffix}"
        self.database_url = _with_database(database_url, self.database)
        self.server = self.template.server
        broker = urllib.parse.urlsplit(broker_url)
        self.broker_target = f"{broker.hostname or '127.0.0.1'}:{broker.port or 5672}"
        self.broker_user = urllib.parse.unquote(broker.username or "guest")
        self.vhost = f"storefront-load-{self.suffix}"
        ports = iter(ports) if ports else iter(free_port, None)
        self.balancer_port, self.relay_port, self.redis_port, self.stripe_port = (next(ports) for _ in range(4))
        self.web_ports = [next(ports), next(ports)]
        self.url = f"http://127.0.0.1:{self.balancer_port}"
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.stripe_url = f"http://127.0.0.1:{self.stripe_port}"
        self.webhook_secret = f"whsec_load_{uuid.uuid4().hex}"
        self.emails = run_dir / "emails"
        broker_address = urllib.parse.urlunsplit(
            broker._replace(netloc=f"{broker.netloc.rpartition('@')[0]}@127.0.0.1:{self.relay_port}", path="/")
        )
        self.env = production_environment(
            self.database_url,
            self.redis_url,
            static_root=static_root(),
            media_root=self.template.media,
            CELERY_BROKER_URL=broker_address + urllib.parse.quote(self.vhost, safe=""),
            EMAIL_URL=f"filemail:///{self.emails}",
            STRIPE_SECRET_KEY="sk_test_load",  # noqa: S106 - the fake Stripe's
            STRIPE_PUBLISHABLE_KEY="pk_test_load",
            STRIPE_WEBHOOK_SECRET=self.webhook_secret,
            STRIPE_API_BASE=self.stripe_url,
            WAGTAILADMIN_BASE_URL=self.url,
            # Shoppers come through a CDN (their address in X-Forwarded-For, `bench.shoppers`) and the balancer.
            TRUSTED_PROXY_COUNT="2",
            # A task lives at most a minute, so an email claimed by a killed worker may be taken over after two
            # (`storefront.mail`), and an email whose task never ran is caught up after `catch_up_after` seconds
            # (a minute by default), not ten.
            CELERY_TASK_SOFT_TIME_LIMIT="45",
            CELERY_TASK_TIME_LIMIT="60",
            EMAIL_CATCH_UP_AFTER_SECONDS=str(catch_up_after),
            LOG_LEVEL="INFO",
            # Requests wait long on these shared, saturated cores: a worker is not killed for it after 30 s.
            GUNICORN_CMD_ARGS="--timeout 120",
        )
        self.processes = {}  # name: Popen
        self.database_created = self.vhost_created = False

    # --- starting and stopping ---

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def prepare(self, log=print):
        """The database (cloned from the template, made first if needed), the vhost and the private Redis."""
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.emails.mkdir(exist_ok=True)
        if not self.template.exists():
            log(f"Making the template database {self.template.name} (migrate, demo data: minutes, once) ...")
            self.template.build(self.env)
        self.template.clone(self.database)
        self.database_created = True
        subprocess.run(["rabbitmqctl", "-q", "add_vhost", self.vhost], check=True, capture_output=True)
        self.vhost_created = True
        subprocess.run(
            ["rabbitmqctl", "-q", "set_permissions", "-p", self.vhost, self.broker_user, ".*", ".*", ".*"],
            check=True,
            capture_output=True,
        )
        if not (Path(self.env["STATIC_ROOT"]) / "staticfiles.json").exists():
            collectstatic(self.env)
        self.start_redis()

    def start(self):
        """Start the processes (after `prepare()` and the run's data)."""
        self._spawn(
            "broker-relay",
            [sys.executable, "-m", "bench.proxies", "tcp", "--listen", str(self.relay_port)]
            + ["--to", self.broker_target],
        )
        self._spawn(
            "stripe",
            [sys.executable, "-m", "bench.stripe_server", "--port", str(self.stripe_port), "--secret"]
            + [self.webhook_secret, "--webhook", f"{self.url}/payment/webhook/"],
        )
        for number in range(len(self.web_ports)):
            self.start_web(number, wait=False)
        backends = [arg for port in self.web_ports for arg in ("--to", f"127.0.0.1:{port}")]
        self._spawn(
            "balancer", [sys.executable, "-m", "bench.proxies", "http", "--listen", str(self.balancer_port)] + backends
        )
        for number in range(2):
            self.start_worker(number)
        self._spawn("beat", [CELERY, "-A", "storefront", "beat", "-l", "info", "-s", str(self.run_dir / "beat")])
        for port in self.web_ports:
            wait_for(f"http://127.0.0.1:{port}/health/", timeout=120)
        wait_for(f"{self.url}/health/")

    def stop(self, timeout=20):
        """End every process (SIGTERM to all, SIGKILL to what is left after `timeout`), drop the vhost and the
        database."""
        for process in self.processes.values():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        for name in list(self.processes):
            self._end(name, timeout=max(0.1, deadline - time.monotonic()))
        if self.vhost_created:
            subprocess.run(["rabbitmqctl", "-q", "delete_vhost", self.vhost], capture_output=True)
            self.vhost_created = False
        if self.database_created:
            with psycopg.connect(**self.server) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            self.database_created = False

    def _spawn(self, name, command):
        log = open(self.run_dir / f"{name}.log", "ab")  # noqa: SIM115 - the process writes it until it ends
        self.processes[name] = subprocess.Popen(  # noqa: S603 - fixed command lines
            command, env=self.env, cwd=BASE_DIR, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        return self.processes[name]

    def _end(self, name, sig=signal.SIGTERM, timeout=15):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass

    # --- the parts, each startable again ---

    def start_redis(self):
        self._spawn(
            "redis",
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        )
        deadline = time.monotonic() + 10
        while subprocess.run(["redis-cli", "-p", str(self.redis_port), "ping"], capture_output=True).returncode:
            if time.monotonic() > deadline:
                raise RuntimeError("The private redis-server did not start")
            time.sleep(0.2)

    def stop_redis(self):
        self._end("redis")

    def start_web(self, number, wait=True):
        port = self.web_ports[number]
        log = open(self.run_dir / f"web{number + 1}.log", "ab")  # noqa: SIM115
        self.processes[f"web{number + 1}"] = gunicorn(
            port, self.env, workers=WEB_WORKERS, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        if wait:
            wait_for(f"http://127.0.0.1:{port}/health/", timeout=120)

    def kill_web(self, number):
        self._end(f"web{number + 1}", signal.SIGKILL)

    def start_worker(self, number):
        self._spawn(
            f"worker{number + 1}",
            [CELERY, "-A", "storefront", "worker", "-l", "info", "--concurrency", str(CELERY_CONCURRENCY)]
            + ["-n", f"load{number + 1}-{self.suffix}@%h"],
        )

    def kill_worker(self, number):
        self._end(f"worker{number + 1}", signal.SIGKILL)

    def worker_log(self, number) -> Path:
        return self.run_dir / f"worker{number + 1}.log"

    def cut_broker(self):
        self.processes["broker-relay"].send_signal(signal.SIGUSR1)

    def restore_broker(self):
        self.processes["broker-relay"].send_signal(signal.SIGUSR2)

    def terminate_database_connections(self) -> int:
        """`pg_terminate_backend` on every connection to the shop's database; how many there were."""
        with psycopg.connect(**self.server) as connection:
            rows = connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [self.database],
            ).fetchall()
        return len(rows)

    def queued_messages(self) -> int:
        """Messages ready or unacknowledged (running, or waiting for their retry) in the vhost's queues."""
        result = subprocess.run(
            ["rabbitmqctl", "-q", "list_queues", "-p", self.vhost, "messages", "--no-table-headers"],
            capture_output=True,
            text=True,
            check=True,
        )
        return sum(int(value) for value in result.stdout.split() if value.isdigit())

    def redis_info(self) -> dict:
        command = ["redis-cli", "-p", str(self.redis_port), "info", "stats"]
        result = subprocess.run(command, capture_output=True, text=True)
        return dict(line.split(":", 1) for line in result.stdout.splitlines() if ":" in line)
