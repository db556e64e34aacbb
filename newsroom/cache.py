"""A Redis cache that degrades instead of failing when Redis is unreachable.

Django's ``RedisCache`` raises on every call while Redis is down, and every page reads the
cache (the ticker), so a stopped Redis took the whole site down. This backend logs the
failure, answers as an empty cache (a miss, a write that did not happen), and for
``RETRY_SECONDS`` does not try again, so a dead server costs one refused connection per
process every few seconds rather than one per call. It recovers by itself: the next try
after that pause reaches the server again.
"""

from __future__ import annotations

import logging
import time
from functools import wraps

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5

_down_until: dict[str, float] = {}  # per server, shared by the threads of a process


def _degrading(fallback):
    """Wrap a cache method: ``fallback(*args, **kwargs)`` while Redis is unavailable."""

    def decorate(method):
        @wraps(method)
        def wrapped(self, *args, **kwargs):
            if time.monotonic() < _down_until.get(self._server_key, 0.0):
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                first = self._server_key not in _down_until
                _down_until[self._server_key] = time.monotonic() + RETRY_SECONDS
                (logger.error if first else logger.warning)(
                    "Cache unavailable (%s: %s); serving without it for %d s",
                    type(error).__name__,
                    error,
                    RETRY_SECONDS,
                )
                return fallback(*args, **kwargs)

        return wrapped

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _none(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _empty(*args, **kwargs):
    return {}


def _no_key(key, *args, **kwargs):
    raise ValueError(f"Key {key!r} not found (the cache is unavailable)")


def _not_set(data, *args, **kwargs):
    return list(data)


class ReusedRedisClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool.

    Django makes a new ``redis.Redis`` for every cache call, and redis-py fills a table of
    some 170 response callbacks in each: a quarter of a millisecond of CPU per call, eight
    calls an article page. A ``redis.Redis`` is safe to share between threads (each
    command takes a connection from the pool, which also notices a fork).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict = {}

    def get_client(self, key=None, *, write: bool = False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class ResilientRedisCache(RedisCache):
    """``RedisCache`` whose calls fall back to "empty cache" answers while Redis is down."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisClient

    @property
    def _server_key(self) -> str:
        return ",".join(self._servers)

    get = _degrading(_default)(RedisCache.get)
    set = _degrading(_none)(RedisCache.set)
    add = _degrading(_false)(RedisCache.add)
    touch = _degrading(_false)(RedisCache.touch)
    delete = _degrading(_false)(RedisCache.delete)
    get_many = _degrading(_empty)(RedisCache.get_many)
    set_many = _degrading(_not_set)(RedisCache.set_many)
    delete_many = _degrading(_none)(RedisCache.delete_many)
    has_key = _degrading(_false)(RedisCache.has_key)
    incr = _degrading(_no_key)(RedisCache.incr)
    clear = _degrading(_false)(RedisCache.clear)
