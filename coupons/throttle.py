"""Slowing down code guessing: failed attempts are counted per session and per client address in the cache.

A fixed window: the first failure starts a counter that lives `WINDOW` seconds; from `LIMIT` failures on,
every attempt from that session or address is refused until the counter expires. `cache.add` + `cache.incr`
are atomic in both LocMem and Redis (INCRBY keeps the key's expiry), so concurrent failures are all counted.
"""

from django.core.cache import cache

LIMIT = 5
WINDOW = 10 * 60


def _keys(request) -> list[str]:
    keys = []
    if request.session.session_key:
        keys.append(f"coupons:failures:session:{request.session.session_key}")
    # REMOTE_ADDR as the server sees it; behind a proxy, the proxy must set it from the client address.
    address = request.META.get("REMOTE_ADDR")
    if address:
        keys.append(f"coupons:failures:address:{address}")
    return keys


def is_blocked(request) -> bool:
    return any((cache.get(key) or 0) >= LIMIT for key in _keys(request))


def record_failure(request) -> None:
    for key in _keys(request):
        cache.add(key, 0, timeout=WINDOW)
        try:
            cache.incr(key)
        except ValueError:
            # The key expired between add and incr: start the window again.
            cache.add(key, 1, timeout=WINDOW)
