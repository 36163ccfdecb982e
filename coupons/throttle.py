"""Slowing down code guessing: failed attempts are counted per session and per client address in the cache.

A fixed window: the first failure starts a counter that lives `WINDOW` seconds; from its limit on, every attempt
from that session or address is refused until the counter expires. A session is one shopper: `SESSION_LIMIT`
is a few typos. An address may be a whole office or mobile network behind one NAT, so `ADDRESS_LIMIT` is far
higher: it stops a script that drops its cookies, not the shoppers next to a careless one. The address is the
client's as the shop's own proxies saw it (`TRUSTED_PROXY_COUNT`, `storefront/proxies.py`), never one a client
wrote into X-Forwarded-For. `cache.add` + `cache.incr` are atomic in both LocMem and Redis (INCRBY keeps the
key's expiry), so concurrent failures are all counted.
"""

from django.core.cache import cache

from storefront.proxies import client_address

SESSION_LIMIT = 5
ADDRESS_LIMIT = 100
WINDOW = 10 * 60


def _counters(request) -> list[tuple[str, int]]:
    """(cache key, limit) of each counter the request's failures go to."""
    counters = []
    if request.session.session_key:
        counters.append((f"coupons:failures:session:{request.session.session_key}", SESSION_LIMIT))
    address = client_address(request)
    if address:
        counters.append((f"coupons:failures:address:{address}", ADDRESS_LIMIT))
    return counters


def is_blocked(request) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _counters(request))


def record_failure(request) -> None:
    for key, _limit in _counters(request):
        cache.add(key, 0, timeout=WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            # The key expired between add and incr: start the window again.
            cache.add(key, 1, timeout=WINDOW)
