"""The cache's serializer: what is read back from Redis is only what this service wrote.

Django's Redis cache pickles values, so anyone able to write to Redis (a shared or
exposed instance) could make every web process unpickle code of their choosing (issue
14, finding 13). Values are signed here with a key derived from SECRET_KEY, and nothing
is unpickled unless its signature holds. Integers stay plain, as Django keeps them, so
incr/decr remain atomic in Redis (a forged integer is only a number).

Signed pickle rather than JSON: cached report figures and queue orders hold dates and
integer dict keys that JSON would silently turn into strings.
"""

import hashlib
import hmac
import pickle
from typing import Any

from django.conf import settings
from django.core.cache.backends.redis import RedisSerializer
from django.utils.encoding import force_bytes

DIGEST = hashlib.sha256
SIGNATURE_BYTES = DIGEST().digest_size


class UnsignedCacheValue(ValueError):
    """A value in the cache that this service did not write."""


def _key() -> bytes:
    return hashlib.sha256(b"kizuna.cache.v1:" + force_bytes(settings.SECRET_KEY)).digest()


class SignedPickleSerializer(RedisSerializer):
    def dumps(self, obj: Any) -> Any:
        if type(obj) is int:
            return obj
        payload = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
        return hmac.new(_key(), payload, DIGEST).digest() + payload

    def loads(self, data: Any) -> Any:
        try:
            return int(data)
        except ValueError:
            pass
        signature, payload = data[:SIGNATURE_BYTES], data[SIGNATURE_BYTES:]
        expected = hmac.new(_key(), payload, DIGEST).digest()
        if len(signature) != SIGNATURE_BYTES or not hmac.compare_digest(signature, expected):
            raise UnsignedCacheValue("cache value not signed by this service: refused")
        return pickle.loads(payload)  # noqa: S301 (signed by us, checked just above)
