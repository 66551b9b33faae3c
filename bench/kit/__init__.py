"""The load kit: one set of clients and process handling for bench/ and tests/.

`processes` starts and stops uvicorn, Celery and Redis and measures them, `services`
reaches PostgreSQL and Redis directly, `http` is a help-seeker's and a staff member's HTTP
session, `sockets` the websocket clients (with the Python twin of static/js/socket.js),
`stats` percentiles and rounding, `cli` the options and report every benchmark shares,
`browser` headless Chromium, and `app` the few app modules the kit itself needs.
"""


class BenchError(RuntimeError):
    """The kit could not do what was asked (as opposed to the server misbehaving under it)."""
