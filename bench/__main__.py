"""Run every benchmark in turn: `make bench` (needs the PostgreSQL and Redis of BENCH_* or the defaults).

Each benchmark writes its own results file under bench/results/ and measures ratios against a baseline taken
in the same run, so results compare across machines.
"""

import os
import subprocess
import sys

BENCHMARKS = ["bench.recommendations", "bench.search_latency", "bench.pages", "bench.einvoice"]


def main() -> int:
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/storefront_bench"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/14"),
    }
    status = 0
    for module in BENCHMARKS:
        print(f"== {module}", flush=True)
        status |= subprocess.call([sys.executable, "-m", module], env=env)
    return status


if __name__ == "__main__":
    sys.exit(main())
