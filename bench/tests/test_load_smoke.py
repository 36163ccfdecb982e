"""The load scenario of `bench.load` in small, in the PostgreSQL pass (issue #23): a handful of users for under a
minute on the whole topology (two gunicorn instances behind the balancer, two Celery workers and beat, a private
Redis, the fake Stripe sending signed webhooks), with a web instance killed and the shop's PostgreSQL connections
cut mid-run; every invariant of `bench.invariants` holds after it, and nothing it started is left behind.

It is a scenario rather than a test: it runs in its own step of `make test` (`make test-load-smoke`, marked
`load`), beside the browser journeys, not in the PostgreSQL pass.

The first run on a machine also makes the template database of the migrated demo shop (`bench.topology.Template`,
minutes); later runs clone it in a second.
"""

import json
import os
import subprocess
import sys

import psycopg
import pytest
from django.conf import settings

from bench.servers import BASE_DIR

pytestmark = [pytest.mark.postgres, pytest.mark.services, pytest.mark.load]


def test_a_small_load_run_with_faults_keeps_every_invariant(tmp_path):
    results_path = tmp_path / "load.json"
    database = settings.DATABASES["default"]
    env = {**os.environ, "CELERY_BROKER_URL": settings.CELERY_BROKER_URL}  # DATABASE_URL: the pass's server
    command = [sys.executable, "-m", "bench.load", "--users", "5", "--spawn-rate", "5", "--seconds", "45"]
    command += ["--faults", "web,database", "--catch-up-after", "15", "--settle", "90", "--json", str(results_path)]

    run = subprocess.run(command, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=600)

    results = json.loads(results_path.read_text())
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert results["broken"] == []
    faults = sorted(line.split(": ", 1)[1] for line in results["faults_done"])
    assert faults[1:] == [
        "web instance 1 SIGKILLed (gunicorn and its workers)",
        "web instance 1 healthy again",
        "web instance 1 started again",
    ]
    assert faults[0].startswith("pg_terminate_backend on the shop's ")
    assert results["stats"]["total"]["requests"] > 50
    with psycopg.connect(host=database["HOST"], user=database["USER"], dbname="postgres") as connection:
        left = connection.execute("SELECT datname FROM pg_database WHERE datname = %s", [results["database"]])
        assert left.fetchall() == []
    vhosts = subprocess.run(["rabbitmqctl", "-q", "list_vhosts"], capture_output=True, text=True, check=True).stdout
    assert results["vhost"] not in vhosts.split()
    assert not os.path.exists(results["run_dir"])
