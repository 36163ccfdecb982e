"""The shop's Redis cache: django-redis, made safe to lean on while Redis is down or hangs.

With `IGNORE_EXCEPTIONS`, django-redis turns a Redis outage into cache misses, which is what the shop wants: pages
render from the database, sessions fall back to theirs. Two things it does not do are added here:

- **Every `get_many` caller gets a dict of its own.** On a failure django-redis returns one `{}` object shared by
  the whole process; a caller that wrote into it would hand what it wrote to every later failing call (rendered
  cards where Wagtail's renditions lookup expected renditions: a 500 on every page). No code of the shop writes
  into what a cache call returned, and this keeps a slip from ever doing that damage again.
- **One failure pauses Redis for the process** (`REDIS_RETRY_AFTER` seconds, as the recommender does): a page
  makes a dozen cache calls, and against a Redis that hangs each would wait the whole socket timeout. After one
  call failed, the others answer "miss" at once, so a request costs at most one timeout; the first call after the
  pause tries Redis again, and a Redis that is back is used from then on.
"""

import functools
import logging
import socket
import threading
import time

from django.conf import settings
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache as DjangoRedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What says Redis cannot be reached (a command Redis refused, such as a wrong type, says nothing about that).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, socket.timeout, ConnectionError)


# Calls that only let go of connections: a paused Redis is closed like any other.
NOT_PAUSED = {"close", "disconnect"}


class Pause:
    """Whether a Redis server is left alone after a failure, for this process (shared by its threads)."""

    def __init__(self, location: str):
        self.location = location
        self.until = 0.0

    @property
    def active(self) -> bool:
        return time.monotonic() < self.until

    def start(self) -> None:
        if not self.active:
            logger.warning("Redis at %s failed: cache calls are misses for %s s", self.location, self.seconds)
        self.until = time.monotonic() + self.seconds

    @property
    def seconds(self) -> float:
        return settings.REDIS_RETRY_AFTER


_pauses: dict[str, Pause] = {}
_pauses_lock = threading.Lock()


def pause_for(location: str) -> Pause:
    """The one pause of this process for a Redis location (every thread's cache object shares it)."""
    with _pauses_lock:
        return _pauses.setdefault(location, Pause(location))


class _PausingClient:
    """django-redis's client, skipped while its server is paused, pausing it when a call cannot reach it.

    A skipped call raises `ConnectionInterrupted`, which the cache turns into its usual miss, like any outage."""

    def __init__(self, client, pause: Pause):
        self._client = client
        self._pause = pause

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute) or name in NOT_PAUSED:
            return attribute

        @functools.wraps(attribute)
        def call(*args, **kwargs):
            if self._pause.active:
                raise ConnectionInterrupted(connection=None) from RedisConnectionError("Redis is paused")
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                if isinstance(error.__cause__, UNREACHABLE):
                    self._pause.start()  # which logs once for the pause, not once for every call it skips
                else:
                    logger.error("Redis refused a cache call: %s", error.__cause__)
                raise

        setattr(self, name, call)  # found in the instance from now on, without `__getattr__`
        return call


def _local_while_paused(name: str):
    """The cache method `name`, kept in this process's memory while Redis is paused for the keys that ask for it."""

    def method(self, key, *args, **kwargs):
        if key.startswith(self._local_prefixes):
            if not self._pause.active:
                answer = getattr(DjangoRedisCache, name)(self, key, *args, **kwargs)
                if not self._pause.active:
                    return answer
            return getattr(self._local, name)(key, *args, **kwargs)
        return getattr(DjangoRedisCache, name)(self, key, *args, **kwargs)

    method.__name__ = name
    return method


class RedisCache(DjangoRedisCache):
    """`django_redis.cache.RedisCache` that pauses Redis after a failure and never shares a `get_many` result.

    `LOCAL_WHILE_PAUSED` (a setting of the cache, beside `LOCATION`) names key prefixes kept in the process's own
    memory while Redis is paused: rate-limit counters, which then count per process instead of shop-wide. Without
    it allauth's sign-in limits, whose lock is a `cache.add`, would refuse every sign-in (429) for as long as Redis
    is down. Nothing else goes there: a page kept in one process's memory would outlive a purge made by another.
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._pausing_client = None
        self._pause = pause_for(str(server))
        self._local_prefixes = tuple(params.get("LOCAL_WHILE_PAUSED", ()))
        self._local = LocMemCache(f"redis-paused:{server}", {"TIMEOUT": self.default_timeout})

    @property
    def client(self):
        if self._pausing_client is None:
            self._pausing_client = _PausingClient(super().client, self._pause)
        return self._pausing_client

    def get_many(self, *args, **kwargs):
        # On an outage django-redis returns one shared `{}`; an empty answer is always a new dict.
        return super().get_many(*args, **kwargs) or {}

    add = _local_while_paused("add")
    get = _local_while_paused("get")
    set = _local_while_paused("set")
    delete = _local_while_paused("delete")
    incr = _local_while_paused("incr")
