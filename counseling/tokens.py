"""Help-seeker tokens: random, kept only in an HttpOnly cookie, stored as a SHA-256 hash."""

import hashlib
import secrets

from django.core import signing


def seeker_token_new() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, seeker_token_hash(token)


def seeker_token_hash(token: str) -> str:
    # A fast hash is enough: the token has 256 random bits, so there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


DEVICE_SALT = "kizuna.device"


def device_token_new() -> str:
    """A device token as only this server can make it: a random value, signed. A browser's
    token is replaced by a new one at each start that shares history (see
    conversation_start), so one planted in or copied from a browser stops linking
    anything once that browser starts again."""
    return signing.dumps(secrets.token_urlsafe(32), salt=DEVICE_SALT)


def device_token_valid(token: str | None) -> str | None:
    """The token if this server made it (signature checked), else None."""
    if not token or len(token) > 200:
        return None
    try:
        signing.loads(token, salt=DEVICE_SALT)
    except signing.BadSignature:
        return None
    return token
