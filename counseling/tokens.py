"""Help-seeker tokens: random, kept only in an HttpOnly cookie, stored as a SHA-256 hash."""

import hashlib
import secrets


def seeker_token_new() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, seeker_token_hash(token)


def seeker_token_hash(token: str) -> str:
    # A fast hash is enough: the token has 256 random bits, so there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()
