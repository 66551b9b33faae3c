"""The cache's serializer: JSON, so what is read back from Redis is data, never code.

Django's Redis cache pickles values, so anyone able to write to Redis (a shared or
exposed instance) could make every web process unpickle code of their choosing (issue
14, finding 13). Here values are JSON: a planted pickle is refused as undecodable, and
a planted JSON value is only data. Integers stay plain, as Django keeps them, so
incr/decr remain atomic in Redis.

JSON has no dates, tuples or non-string dict keys, and json.dumps would silently turn
the last two into lists and strings: a value that would not read back equal is refused
when it is written, so each place that caches makes its value JSON-safe itself
(supervision/reports/, queues/selectors.py) and nothing changes shape on its way through.
"""

import json
from typing import Any

from django.core.cache.backends.redis import RedisSerializer


class UnreadableCacheValue(ValueError):
    """A value in the cache that is not JSON: not written by this service."""


class NotJsonSafe(TypeError):
    """A value that JSON would not give back unchanged."""


class JsonSerializer(RedisSerializer):
    def dumps(self, obj: Any) -> Any:
        if type(obj) is int:
            return obj
        try:
            data = json.dumps(obj, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        except (TypeError, ValueError) as error:
            raise NotJsonSafe(f"not JSON-safe for the cache: {error}") from error
        if json.loads(data) != obj:
            raise NotJsonSafe("not JSON-safe for the cache (tuples or non-string keys?)")
        return data.encode()

    def loads(self, data: Any) -> Any:
        try:
            return int(data)
        except ValueError:
            pass
        try:
            return json.loads(data)
        except (ValueError, UnicodeDecodeError) as error:
            raise UnreadableCacheValue("cache value is not JSON: refused") from error
