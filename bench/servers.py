"""What the benchmarks share to run the shop as production runs it: free ports, waiting for an address, the
environment of `storefront.settings.production` on this machine, and a gunicorn instance of the shop.

No Django import here: `bench.pages` and `bench.load` configure Django each for their own database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


_taken: set[int] = set()


def free_port() -> int:
    """A free local port: any, or the first free one of `BENCH_PORTS` ("8600-8649") on a shared machine."""
    first, _dash, last = os.environ.get("BENCH_PORTS", "").partition("-")
    candidates = range(int(first), int(last) + 1) if first and last else [0]
    for candidate in candidates:
        if candidate in _taken:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            port = sock.getsockname()[1]
            _taken.add(port)
            return port
    raise RuntimeError(f"no free port in BENCH_PORTS={os.environ['BENCH_PORTS']}")


def wait_for(url, timeout=60, attempt_timeout=5):
    """The status of the first answer from `url`; RuntimeError if nothing answers within `timeout` seconds (each
    attempt waiting `attempt_timeout` seconds at most)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=attempt_timeout) as response:  # noqa: S310 - our local server
                return response.status
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def production_environment(database_url, redis_url, *, static_root, media_root, **more) -> dict:
    """The environment of the shop under `storefront.settings.production` on 127.0.0.1 without TLS: its own secret
    key, the given database and Redis, static files collected in `static_root`; `more` adds or overrides."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "storefront.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", ""),
        # Production gives up on Redis after 0.25 s (a miss beats a hung page); on two cores saturated by the
        # load generator, the workers and other people's work, that turned healthy reads into misses.
        "REDIS_SOCKET_TIMEOUT": "1",
        **more,
    }


def collectstatic(env) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=BASE_DIR, check=True
    )


def gunicorn(port, env, *, workers, app="storefront.wsgi:application", control=None, **popen) -> subprocess.Popen:
    """The shop (or `app`) under gunicorn's sync workers on 127.0.0.1:`port`; `control`: its control socket."""
    command = [GUNICORN, "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning"]
    if control:
        command += ["--control-socket", str(control)]
    command += ["--bind", f"127.0.0.1:{port}", app]
    return subprocess.Popen(command, env=env, cwd=BASE_DIR, **popen)  # noqa: S603 - fixed command line
