"""How much a "Bought together" suggestion costs in Redis with 1,000 and with 100,000 products.

    .venv/bin/python -m bench.recommendations [--redis-url URL] [--output bench/results/recommendations.md]

For each catalog size it fills Redis (under a private key prefix, deleted afterwards) with one capped sorted
set per product, shaped like a real shop: a few best sellers bought with a hundred popular others (the cap),
most products with a handful of partners. Then it times both catalogs in the same run, in alternating blocks:

- the baselines: a PING round trip and a ZSCORE (the cheapest real read);
- `RedisRecommender.suggest` for a product page (one best seller) and for carts of 5 and 20 best sellers,
  asking for 22 candidates as `suggest_for_products` does for 4 cards.

Results are medians (and 95th percentiles) in microseconds and as ratios to the PING median of the same
catalog, so they can be compared across machines; the round trips per call are counted on the connection.
The claim to check: the ratios stay the same when the catalog grows a hundredfold, because a suggestion
reads only its inputs' capped sets.
"""

import argparse
import os
import platform
import random
import statistics
import time
import uuid
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import django

# Only to import the recommender: the benchmark touches Redis, never the database.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.dev")
django.setup()

import redis  # noqa: E402

from products.recommender import PER_PRODUCT_CAP, RedisRecommender  # noqa: E402

SIZES = (1_000, 100_000)
BEST_SELLERS = 50
POPULAR = 1_000
REPEAT = 2_000
BLOCK = 100
WARM_UP = 200
CANDIDATES = 22  # suggest_for_products asks for max(3k, k + 10) with k = 4 cards
LOAD_BATCH = 1_000
DEFAULT_OUTPUT = Path(__file__).parent / "results" / "recommendations.md"


def fill(client, recs, size, rng):
    """One sorted set per product: best sellers at the cap, the rest with a few partners (mean about 8).

    Best sellers are bought with the shop's popular products (the first 1,000) in both catalogs, so the
    suggestions ask Redis for the same amount of work at both sizes and only the catalog around them grows.
    """
    pipe = client.pipeline(transaction=False)
    members = 0
    for product_id in range(1, size + 1):
        if product_id <= BEST_SELLERS:
            count, pool = PER_PRODUCT_CAP, range(1, POPULAR + 1)
        else:
            count, pool = min(PER_PRODUCT_CAP, max(1, int(rng.expovariate(1 / 8)))), range(1, size + 1)
        partners = rng.sample(pool, count + 1)
        scores = {str(p): rng.randint(1, 500) for p in partners if p != product_id}
        scores = dict(list(scores.items())[:count])
        pipe.zadd(recs.key(product_id), scores)
        members += len(scores)
        if len(pipe) >= LOAD_BATCH:
            pipe.execute()
    pipe.execute()
    return members


def sample_memory(client, recs, size, rng):
    """Average bytes per product set, from MEMORY USAGE on up to 500 random products."""
    sample = rng.sample(range(1, size + 1), min(500, size))
    return statistics.mean(client.memory_usage(recs.key(pk)) or 0 for pk in sample)


@contextmanager
def counting_round_trips():
    counter = {"sends": 0}
    original = redis.connection.AbstractConnection.send_packed_command

    def send_packed_command(connection, command, check_health=True):
        counter["sends"] += 1
        return original(connection, command, check_health)

    redis.connection.AbstractConnection.send_packed_command = send_packed_command
    try:
        yield counter
    finally:
        redis.connection.AbstractConnection.send_packed_command = original


def measure(calls):
    """Time each {size: call} of `calls` in alternating blocks, so a change in the machine's load hits all alike."""
    for call in calls.values():
        for _ in range(WARM_UP):
            call()
    rows = {}
    for size, call in calls.items():
        with counting_round_trips() as counter:
            call()
        rows[size] = {"samples": [], "round_trips": counter["sends"]}
    for _ in range(REPEAT // BLOCK):
        for size, call in calls.items():
            samples = rows[size]["samples"]
            for _ in range(BLOCK):
                started = time.perf_counter_ns()
                call()
                samples.append((time.perf_counter_ns() - started) / 1_000)
    for row in rows.values():
        samples = sorted(row.pop("samples"))
        row["median"] = statistics.median(samples)
        row["p95"] = samples[int(len(samples) * 0.95)]
    return rows


def delete_prefix(client, prefix):
    batch = []
    for key in client.scan_iter(match=f"{prefix}:*", count=1_000):
        batch.append(key)
        if len(batch) >= 1_000:
            client.unlink(*batch)
            batch = []
    if batch:
        client.unlink(*batch)


def run(url, seed):
    """Fill one catalog per size (each under its own prefix), time the calls on both, delete the keys."""
    catalogs = {}
    try:
        for size in SIZES:
            rng = random.Random(seed)
            recs = RedisRecommender.from_url(url, timeout=5, prefix=f"bench:recs:{uuid.uuid4().hex[:12]}")
            catalogs[size] = {"recs": recs}
            started = time.perf_counter()
            catalogs[size]["members"] = fill(recs.client, recs, size, rng)
            catalogs[size]["load"] = time.perf_counter() - started
            catalogs[size]["bytes"] = sample_memory(recs.client, recs, size, rng)
        best = list(range(1, BEST_SELLERS + 1))
        first = catalogs[SIZES[0]]["recs"]
        some_member = first.client.zrange(first.key(1), 0, 0)[0]
        rows = {
            "PING (baseline)": measure({size: c["recs"].client.ping for size, c in catalogs.items()}),
            "ZSCORE": measure(
                {size: partial(c["recs"].client.zscore, c["recs"].key(1), some_member) for size, c in catalogs.items()}
            ),
        }
        for name, inputs in (("product page (1 input)", best[:1]), ("cart of 5", best[:5]), ("cart of 20", best[:20])):
            rows[f"suggest: {name}"] = measure(
                {size: partial(c["recs"].suggest, inputs, CANDIDATES) for size, c in catalogs.items()}
            )
            for size, c in catalogs.items():
                union = c["recs"].client.zunion([c["recs"].key(pk) for pk in inputs])
                rows[f"suggest: {name}"][size]["union"] = len(union)
                answer = c["recs"].suggest(inputs, CANDIDATES)
                assert len(answer) == CANDIDATES and not set(answer) & set(inputs)
        return catalogs, rows
    finally:
        for catalog in catalogs.values():
            delete_prefix(catalog["recs"].client, catalog["recs"].prefix)
            catalog["recs"].client.close()


def report(catalogs, rows, server):
    lines = [
        "# Recommendations benchmark",
        "",
        "Generated by `.venv/bin/python -m bench.recommendations` "
        f"(Python {platform.python_version()}, Redis {server}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, shared with other work). Times in microseconds over {REPEAT:,} calls per cell, "
        f"the two catalogs timed in alternating blocks of {BLOCK} after a warm-up; **ratio** = median / median of "
        "PING against the same catalog in the same run, so it compares across machines.",
        "",
        f"Each product has a sorted set capped at {PER_PRODUCT_CAP} partners; {BEST_SELLERS} best sellers are full "
        f"(bought with the {POPULAR:,} most popular products), the others hold a handful. Suggestions ask for "
        f"{CANDIDATES} candidates (what 4 cards need) for best sellers.",
        "",
        "| products | call | median µs | p95 µs | ratio to PING | round trips | members in the union |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for size in SIZES:
        baseline = rows["PING (baseline)"][size]["median"]
        for name, by_size in rows.items():
            row = by_size[size]
            lines.append(
                f"| {size:,} | {name} | {row['median']:.0f} | {row['p95']:.0f} | "
                f"{row['median'] / baseline:.2f} | {row['round_trips']} | {row.get('union', '—')} |"
            )
    lines += [
        "",
        "| products | sorted-set members | fill time s | bytes per product set (sampled) |",
        "|---:|---:|---:|---:|",
    ]
    for size, catalog in catalogs.items():
        lines.append(f"| {size:,} | {catalog['members']:,} | {catalog['load']:.1f} | {catalog['bytes']:.0f} |")
    small, large = SIZES[0], SIZES[-1]
    lines += ["", f"Ratio at {large:,} products over the ratio at {small:,} (1.00 = no growth with the catalog):", ""]
    for name, by_size in rows.items():
        if name.startswith("suggest"):
            growth = (by_size[large]["median"] / rows["PING (baseline)"][large]["median"]) / (
                by_size[small]["median"] / rows["PING (baseline)"][small]["median"]
            )
            lines.append(f"- {name}: {growth:.2f}")
    lines += [
        "",
        "A suggestion's work is the union of its inputs' capped sets: at most cap × inputs members (100 × 20 =",
        "2,000 with `MAX_INPUTS` = 20), whatever the catalog size. The same suggestions cost the same at both",
        "sizes; a cart whose products share fewer partners reads a bigger union, up to that bound and no more.",
        "",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--seed", type=int, default=6)
    options = parser.parse_args()
    server = redis.Redis.from_url(options.redis_url).info("server")["redis_version"]
    catalogs, rows = run(options.redis_url, options.seed)
    text = report(catalogs, rows, server)
    print(text)
    options.output.parent.mkdir(parents=True, exist_ok=True)
    options.output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
