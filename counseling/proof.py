"""The admission proof of work itself (counseling/admission.py), free of Django so that
every Python client (tests, benchmarks) uses this one twin of static/js/admission.js."""

import hashlib


def proof_holds(nonce: str, solution: str, bits: int) -> bool:
    """Whether SHA-256("<nonce>:<solution>") starts with `bits` zero bits."""
    if bits <= 0:
        return True
    digest = hashlib.sha256(f"{nonce}:{solution}".encode()).digest()
    return int.from_bytes(digest, "big") >> (256 - bits) == 0


def proof_solve(nonce: str, bits: int) -> str:
    """The smallest solution, counting up from 0 as the browser does."""
    counter = 0
    while not proof_holds(nonce, str(counter), bits):
        counter += 1
    return str(counter)


def proof_for(challenge: dict) -> dict[str, str]:
    """What a client sends with its start for a challenge from GET /chat/admission."""
    return {
        "challenge": str(challenge["challenge"]),
        "solution": proof_solve(str(challenge["nonce"]), int(challenge["bits"])),
    }
