"""Products bought together: co-purchase scores kept in Redis, with paid order lines as the truth.

The score of a pair (A, B) is the number of paid orders holding both A and B; for several input products
(a cart) the scores add up, and candidates are ranked by score, highest first, then by product id. Two
implementations answer the same questions with that same ranking:

- `RedisRecommender`: one sorted set per product (`{prefix}:bought_with:{id}`, members = the products bought
  with it, scores = counts), capped to its top `cap` members so memory stays bounded. Recording an order is
  one Lua call (one round trip, atomic, at most once per order); suggesting is one Lua call that `ZUNION`s
  the inputs' sets in memory (no temporary key to share or collide) and returns only the top of the ranking.
  Its cost depends on the inputs' capped sets, never on the size of the catalog.
- `DatabaseRecommender`: asks the purchase history (one aggregate SQL query over paid order lines). Used
  when `REDIS_URL` is unset, and as the fallback when Redis is down or slow.

This app knows no orders: paid orders are the `checkout` app's, a layer above. It reaches them through the
`PurchaseHistory` interface below, implemented by the class `settings.PURCHASE_HISTORY` names
(`checkout.orders.purchases.PaidOrderLines`), and is told of each paid order by `record_purchase`.

Redis trouble never breaks a page or blocks a payment: the client has short timeouts and no retries, a
connection failure makes this process skip Redis for `FAILURE_PAUSE_SECONDS`, suggestions then come from the
database, and a failed recording is logged (`manage.py rebuild_recommendations` catches up from the truth).
The per-product cap makes Redis an approximation in the tail (a pair below the top `cap` of a product is
forgotten); the rebuild restores the exact top from the database.
"""

import abc
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from functools import cache

import redis
from django.conf import settings
from django.utils.module_loading import import_string
from redis.backoff import NoBackoff
from redis.retry import Retry
from wagtail.models import Locale

from .models import ProductPage, ProductVariant, listed_product_pages

logger = logging.getLogger(__name__)

DEFAULT_PREFIX = "storefront:recs"
PER_PRODUCT_CAP = 100
# A cart bigger than this is suggested for by its first products only, so one suggestion reads at most
# MAX_INPUTS × PER_PRODUCT_CAP members (see bench/results/recommendations.md).
MAX_INPUTS = 20
# After a connection error or timeout, this process leaves Redis alone for this long.
FAILURE_PAUSE_SECONDS = 30.0
# How long Redis remembers that an order was recorded (a redelivered payment event must not count twice).
RECORDED_MARKER_SECONDS = 60 * 60 * 24 * 30

# KEYS: [the order's marker when ARGV[1] == "1"], then one sorted set per product, in the order of the ids.
# ARGV: has-marker flag, marker ttl, cap, then the product ids.
RECORD_SCRIPT = """
local first = 1
if ARGV[1] == '1' then
  if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[2]) then return 0 end
  first = 2
end
local cap = tonumber(ARGV[3])
local ids = {}
for i = 4, #ARGV do ids[#ids + 1] = ARGV[i] end
for i = first, #KEYS do
  local own = ids[i - first + 1]
  for _, other in ipairs(ids) do
    if other ~= own then redis.call('ZINCRBY', KEYS[i], 1, other) end
  end
  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -(cap + 1))
end
return 1
"""

# KEYS: the input products' sorted sets. ARGV: how many to return, then the input ids (left out).
# Returns [member, score, ...] from the highest score down: the first `want` candidates plus every candidate
# tied with the last one, so the client can cut with its own tie-break (product id) and stay exact.
SUGGEST_SCRIPT = """
local want = tonumber(ARGV[1])
local skip = {}
for i = 2, #ARGV do skip[ARGV[i]] = true end
local command = {'ZUNION', #KEYS}
for _, key in ipairs(KEYS) do command[#command + 1] = key end
command[#command + 1] = 'WITHSCORES'
local union = redis.call(unpack(command))
local out, taken, last = {}, 0, nil
for i = #union - 1, 1, -2 do
  local member, score = union[i], tonumber(union[i + 1])
  if not skip[member] then
    if taken >= want and score ~= last then break end
    out[#out + 1] = member
    out[#out + 1] = union[i + 1]
    taken = taken + 1
    last = score
  end
end
return out
"""


class RecommenderUnavailable(Exception):
    """Redis did not answer (down, slow, or skipped after a recent failure); use the database instead."""


def _unique_ids(product_ids: Iterable) -> list[int]:
    """The ids as ints, each once, in their first order."""
    return list(dict.fromkeys(int(pk) for pk in product_ids))


class Recommender(abc.ABC):
    """What both implementations answer. Rankings: score descending, then product id ascending."""

    @abc.abstractmethod
    def record(self, product_ids: Iterable[int], once_key=None) -> bool:
        """Count the products as bought together once; with `once_key`, at most once for that key."""

    @abc.abstractmethod
    def suggest(self, product_ids: Iterable[int], k: int) -> list[int]:
        """The ids of the `k` products most bought with `product_ids` (themselves left out), best first."""


class PurchaseHistory(abc.ABC):
    """The truth the recommendations learn from: which products were paid for together, order by order."""

    @abc.abstractmethod
    def ranked_with(self, product_ids: list[int], k: int) -> list[int]:
        """Up to `k` other products, by the number of paid orders they share with each of `product_ids`
        (summed over the inputs), then by product id; the inputs themselves left out."""

    @abc.abstractmethod
    def baskets(self) -> Iterator[tuple[int, list[int]]]:
        """(order key, the ids of its products) for every paid order, in key order: what a rebuild records."""


@cache
def _history_class(path: str) -> type[PurchaseHistory]:
    return import_string(path)


def purchase_history() -> PurchaseHistory:
    """The implementation `settings.PURCHASE_HISTORY` names."""
    return _history_class(settings.PURCHASE_HISTORY)()


class DatabaseRecommender(Recommender):
    """Answers from the purchase history (paid order lines) directly; nothing to record, the lines are the record."""

    def __init__(self, history: PurchaseHistory | None = None):
        self.history = history or purchase_history()

    def record(self, product_ids, once_key=None) -> bool:
        return False

    def suggest(self, product_ids, k) -> list[int]:
        inputs = _unique_ids(product_ids)
        if not inputs or k < 1:
            return []
        return self.history.ranked_with(inputs, k)


class RedisRecommender(Recommender):
    """Sorted sets per product in Redis; every call is one round trip and raises `RecommenderUnavailable`."""

    def __init__(self, client, prefix=DEFAULT_PREFIX, cap=PER_PRODUCT_CAP, pause=FAILURE_PAUSE_SECONDS):
        self.client = client
        self.prefix = prefix
        self.cap = cap
        self.pause = pause
        self._paused_until = 0.0

    @classmethod
    def from_url(cls, url, timeout=None, **kwargs):
        """A recommender whose client gives up after `timeout` seconds (default REDIS_SOCKET_TIMEOUT), no retries."""
        timeout = settings.REDIS_SOCKET_TIMEOUT if timeout is None else timeout
        client = redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout, retry=Retry(NoBackoff(), 0)
        )
        return cls(client, **kwargs)

    def key(self, product_id) -> str:
        return f"{self.prefix}:bought_with:{int(product_id)}"

    def marker_key(self, once_key) -> str:
        return f"{self.prefix}:recorded:{once_key}"

    def record_command(self, product_ids, once_key=None):
        """(script, keys, args) for recording, so a caller can also send many in one pipeline."""
        ids = sorted(_unique_ids(product_ids))
        keys = [self.key(pk) for pk in ids]
        if once_key is not None:
            keys.insert(0, self.marker_key(once_key))
        args = ["1" if once_key is not None else "0", RECORDED_MARKER_SECONDS, self.cap, *ids]
        return RECORD_SCRIPT, keys, args

    def record(self, product_ids, once_key=None) -> bool:
        if len(_unique_ids(product_ids)) < 2:
            return False
        script, keys, args = self.record_command(product_ids, once_key)
        return bool(self._call(lambda: self.client.eval(script, len(keys), *keys, *args)))

    def suggest(self, product_ids, k) -> list[int]:
        inputs = _unique_ids(product_ids)
        if not inputs or k < 1:
            return []
        keys = [self.key(pk) for pk in inputs]
        flat = self._call(lambda: self.client.eval(SUGGEST_SCRIPT, len(keys), *keys, k, *inputs))
        scored = [(float(flat[i + 1]), int(flat[i])) for i in range(0, len(flat), 2)]
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        return [product_id for _score, product_id in scored[:k]]

    def _call(self, command):
        """Run one Redis call, unless a recent failure says to stay away; every Redis error is unavailability."""
        if time.monotonic() < self._paused_until:
            raise RecommenderUnavailable("Redis skipped after a recent failure")
        try:
            return command()
        except (redis.ConnectionError, redis.TimeoutError) as error:
            self._paused_until = time.monotonic() + self.pause
            logger.warning("Redis recommendations unavailable, skipped for %.0f s: %s", self.pause, error)
            raise RecommenderUnavailable(str(error)) from error
        except redis.RedisError as error:
            logger.warning("Redis recommendations failed: %s", error)
            raise RecommenderUnavailable(str(error)) from error


_redis_recommenders: dict[tuple, RedisRecommender] = {}
_redis_recommenders_lock = threading.Lock()


def key_prefix() -> str:
    return getattr(settings, "RECOMMENDATIONS_KEY_PREFIX", DEFAULT_PREFIX)


def get_recommender() -> Recommender:
    """Redis when REDIS_URL is set, else the database. One Redis client per process shares the pause after a failure."""
    if not settings.REDIS_URL:
        return DatabaseRecommender()
    config = (settings.REDIS_URL, key_prefix(), settings.REDIS_SOCKET_TIMEOUT)
    with _redis_recommenders_lock:
        if config not in _redis_recommenders:
            _redis_recommenders[config] = RedisRecommender.from_url(config[0], timeout=config[2], prefix=config[1])
        return _redis_recommenders[config]


def record_purchase(order_key: int, product_ids: Iterable[int], *, label: str = "") -> bool:
    """Record the products of one paid order as bought together, at most once per `order_key`. Never raises
    for Redis.

    Called once a payment has committed (`checkout.orders.purchases.record_paid_order`). Returns whether Redis
    counted it now (False: fewer than two products, already counted, no Redis, or Redis unavailable — logged).
    """
    try:
        return get_recommender().record(list(product_ids), once_key=order_key)
    except RecommenderUnavailable as error:
        logger.warning(
            "Co-purchases of order %s not recorded (%s); `manage.py rebuild_recommendations` restores them",
            label or order_key,
            error,
        )
        return False


def ranked_suggestions(product_ids: Iterable[int], k: int) -> list[int]:
    """The ranking from Redis, or from the database when Redis is unavailable."""
    try:
        return get_recommender().suggest(product_ids, k)
    except RecommenderUnavailable:
        return DatabaseRecommender().suggest(product_ids, k)


def available_cards(product_ids: Iterable[int], limit: int, locale=None, exclude: Iterable[int] = ()) -> list:
    """Live, translated pages in `locale` of the products that are for sale and in stock, in the given order."""
    excluded = set(exclude)
    wanted = [pk for pk in _unique_ids(product_ids) if pk not in excluded]
    if not wanted or limit < 1:
        return []
    locale = locale or Locale.get_active()
    pages = listed_product_pages(locale).filter(product_id__in=wanted, stock_total__gt=0).defer_streamfields()
    by_product = {}
    for page in pages.order_by("pk"):
        by_product.setdefault(page.product_id, page)
    return [by_product[pk] for pk in wanted if pk in by_product][:limit]


def suggest_for_products(product_ids: Iterable[int], k: int, locale=None) -> list:
    """Pages (ready for product cards, in `locale`) of up to `k` products bought with `product_ids`.

    Left out: the inputs, products not for sale or out of stock, and products without a live page of their
    own (not an alias) in `locale`. More than `k` are ranked so that filtering still leaves `k`.
    """
    inputs = _unique_ids(product_ids)[:MAX_INPUTS]
    if not inputs or k < 1:
        return []
    ranked = ranked_suggestions(inputs, max(3 * k, k + 10))
    return available_cards(ranked, k, locale, exclude=inputs)


def cart_product_ids(request) -> list[int]:
    """The product ids of the session cart ({variant_id: {...}}), each once, in the cart's order; read without
    creating a session. One query, none for an empty cart."""
    session = getattr(request, "session", None)
    cart = session.get("cart") if session is not None else None
    if not isinstance(cart, dict):
        return []
    variant_ids = [int(pk) for pk in cart if str(pk).isdigit()]
    if not variant_ids:
        return []
    products = dict(ProductVariant.objects.filter(pk__in=variant_ids).values_list("pk", "product_id"))
    return list(dict.fromkeys(products[pk] for pk in variant_ids if pk in products))


def products_in_context(context) -> list[int]:
    """What a "Bought together" block suggests for: the product of a product page, else the cart's contents."""
    page = context.get("page")
    if isinstance(page, ProductPage):
        return [page.product_id]
    return cart_product_ids(context.get("request"))
